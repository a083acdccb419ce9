package io.projectionist.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.projectionist.Projectionist;
import io.projectionist.activity.ActivityFeed;
import io.projectionist.activity.ActivityFeedRoutes;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorSettings;
import io.projectionist.sim.SimulatorOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.BeanInject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Boots the real application (application.properties, routes/*.yaml, the package scan) against the simulator and
 * checks that the shipped activity route, fed by the activity poll on a Quartz cron, writes the simulator's live
 * sessions to the output folder.
 */
@CamelMainTest(mainClass = Projectionist.class)
class ActivityRouteMainTest {

    static final Path OUT = Path.of("target/it/activity-route");
    static Simulator sim;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void startSimulator() throws Exception {
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(500));
        // two sessions the route must report: one transcoding 4K movie, one direct-play episode
        sim.sessions().startRandom(2);
        SimulatorSettings.of(sim, false).forEach(System::setProperty);
        System.setProperty("projectionist.out-dir", OUT.toString());
        System.setProperty("projectionist.activity.cron", "0/1 * * * * ?");
        deleteRecursively(OUT);
    }

    @AfterAll
    static void stopSimulator() {
        for (String p : List.of("tautulli.url", "tautulli.api-key", "projectionist.out-dir", "projectionist.activity.cron")) {
            System.clearProperty(p);
        }
        sim.close();
    }

    @Configure
    protected void configure(MainConfigurationProperties configuration) {
        // nothing: the test runs the application as shipped
    }

    @Test
    void shippedYamlRoutePollsActivityOnQuartzAndWritesSnapshots() throws Exception {
        assertThat(context.getRoute("activity-snapshots")).as("route loaded from routes/*.yaml").isNotNull();
        // the Quartz poll moved to the feed's poller; the YAML route subscribes to the feed
        assertThat(context.getRoute(ActivityFeedRoutes.ROUTE_ID).getEndpoint().getEndpointUri())
                .contains("scheduler=quartz");
        assertThat(context.getRoute("activity-snapshots").getEndpoint())
                .isSameAs(context.getEndpoint(ActivityFeed.subscriber("snapshots")));
        NotifyBuilder two = new NotifyBuilder(context).fromRoute("activity-snapshots").whenCompleted(2).create();
        assertThat(two.matches(15, TimeUnit.SECONDS)).as("two snapshots within 15 s").isTrue();

        Path file;
        try (Stream<Path> files = Files.list(OUT.resolve("activity"))) {
            file = files.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.size()).isGreaterThanOrEqualTo(2);
        JsonNode snapshot = new ObjectMapper().readTree(lines.get(0));
        assertThat(snapshot.path("stream_count").asInt()).isEqualTo(sim.sessions().active().size());
        assertThat(snapshot.path("sessions")).hasSize(sim.sessions().active().size());
        assertThat(snapshot.path("sessions").get(0).path("session_key").asText()).isNotBlank();
        assertThat(snapshot.path("sessions").get(0).path("rating_key").asText())
                .satisfies(rk -> assertThat(sim.world().item(rk)).as("rating key resolves in the world").isPresent());
    }

    static void deleteRecursively(Path dir) throws Exception {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }
}
