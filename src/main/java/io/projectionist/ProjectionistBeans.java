package io.projectionist;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.projectionist.activity.ActivitySummary;
import io.projectionist.support.Json;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import io.projectionist.history.PlaysWithMetadata;

/** Beans shared by routes (found by Camel Main's package scan). */
public class ProjectionistBeans implements CamelConfiguration {

    /** JSON written by routes uses Tautulli's snake_case names, so exports match what users know. */
    @BindToRegistry("projectionistJson")
    public ObjectMapper projectionistJson() {
        return Json.snakeCase();
    }

    /** Joins tautulli: history rows with a plex:metadata answer in YAML routes (see routes/recent-plays-with-metadata.yaml). */
    @BindToRegistry("playsWithMetadata")
    public PlaysWithMetadata playsWithMetadata() {
        return new PlaysWithMetadata();
    }

    @BindToRegistry("activitySummary")
    public ActivitySummary activitySummary() {
        return new ActivitySummary();
    }
}
