package io.projectionist.curation;

import io.projectionist.ops.Settings;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Home-screen curation on a schedule. {@code curation.yaml} is read and validated when the routes are built (a
 * mistake stops start-up naming file, line and key). Routes:
 * <ul>
 *   <li>{@code curation} — Quartz cron {@code projectionist.curation.cron} → {@code direct:curation}</li>
 *   <li>{@code curation-on-startup} — once, {@code projectionist.curation.startup-delay} ms after start, when
 *       {@code projectionist.curation.on-startup=true} (the demo)</li>
 *   <li>{@code curation-run} — {@code direct:curation}: plan (dry-run unless {@code projectionist.curation.apply}
 *       or the header {@value #APPLY} is true), apply and verify; the body becomes a summary {@code Map}. When
 *       something was applied the summary goes to {@code projectionist.curation.notify-uri} (default
 *       {@code direct:curation-applied}, which needs no consumer) with the plan text in {@value #TEXT}.</li>
 * </ul>
 * Retryable Plex/Tautulli failures re-run the whole reconcile ({@code upstream-retries}): it plans again from what
 * Plex shows, so nothing is applied twice.
 */
public class CurationRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(CurationRoutes.class);

    public static final String APPLY = "ProjectionistCurationApply";
    public static final String TEXT = "ProjectionistCurationText";
    public static final String APPLIED = "ProjectionistCurationApplied";

    @Override
    public void configure() {
        Function<String, Optional<String>> property = getContext().getPropertiesComponent()::resolveProperty;
        CurationSetup.Setup setup = CurationSetup.from(getContext());
        if (!setup.enabled()) {
            LOG.info("curation: off ({})", setup.why());
            return;
        }
        LOG.info("curation: {} from {} on cron '{}'", setup.apply() ? "APPLYING changes" : "dry-run (plans only;"
                + " set PROJECTIONIST_CURATION_APPLY=true to apply)", setup.file(),
                property.apply("projectionist.curation.cron").orElse("?"));
        Reconciler reconciler = setup.reconciler();

        from("quartz:projectionist/curation?cron={{projectionist.curation.cron}}")
                .routeId("curation")
                .to("direct:curation");

        Settings settings = new Settings(property);
        boolean onStartup = settings.bool("projectionist.curation.on-startup", false);
        settings.throwIfProblems();
        if (onStartup) {
            from("timer:curation-on-startup?repeatCount=1&delay={{projectionist.curation.startup-delay}}")
                    .routeId("curation-on-startup")
                    .to("direct:curation");
        }

        from("direct:curation")
                .routeId("curation-run")
                .routeConfigurationId("upstream-retries")
                .process(exchange -> run(exchange, reconciler, setup.apply()))
                .filter(header(APPLIED).isGreaterThan(0))
                    .to("{{projectionist.curation.notify-uri}}")
                .end();
    }

    private static void run(Exchange exchange, Reconciler reconciler, boolean applyDefault) {
        Boolean apply = exchange.getMessage().getHeader(APPLY, Boolean.class);
        Reconciler.Outcome o = reconciler.run(apply != null ? apply : applyDefault);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("plan", o.plan().id());
        summary.put("mode", o.plan().apply() ? "apply" : "dry-run");
        summary.put("changes", o.plan().changes().stream().map(Change::text).toList());
        summary.put("notes", o.plan().notes());
        summary.put("applied", o.plan().apply() ? o.applied() : 0);
        summary.put("failed", o.failed());
        summary.put("not_kept", o.notKept());
        summary.put("plex_reads", o.reads());
        summary.put("plex_writes", o.writes());
        summary.put("files", o.files().stream().map(Path::toString).toList());
        exchange.getMessage().setBody(summary);
        exchange.getMessage().setHeader(TEXT, o.summary());
        exchange.getMessage().setHeader(APPLIED, o.plan().apply() ? o.applied() : 0L);
    }
}
