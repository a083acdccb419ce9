package io.projectionist.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.projectionist.curation.CurationSetup;
import io.projectionist.curation.Reconciler;
import io.projectionist.report.ReportJob;
import io.projectionist.report.ReportSettings;
import io.projectionist.sim.SimClock;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorSettings;
import io.projectionist.sim.SimulatorOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report run and a curation run go through the components' clients: a transient 503 from Tautulli or Plex is
 * retried with the shared back-off (projectionist.upstream.*) instead of failing the run, and their Plex requests
 * are counted in projectionist_plex_requests_total.
 */
class UpstreamRetryRunsTest {

    static final Path DIR = Path.of("target/upstream-retry-runs");

    Simulator sim;
    CamelContext context;

    @BeforeEach
    void start() throws Exception {
        Scrape.deleteRecursively(DIR);
        sim = Simulator.start(SimulatorOptions.defaults().withSeed(11).withPlays(2_000).withHistoryDays(30)
                .withAnchor(Instant.parse("2026-11-21T15:30:00Z")), SimClock.fixed(Instant.parse("2026-11-21T15:30:00Z")));
        Properties p = new Properties();
        p.putAll(SimulatorSettings.of(sim, true));
        p.setProperty("projectionist.upstream.retries", "3");
        p.setProperty("projectionist.upstream.retry-delay", "10");
        p.setProperty("projectionist.upstream.max-retry-delay", "50");
        p.setProperty("projectionist.data-dir", DIR.resolve("data").toString());
        p.setProperty("projectionist.out-dir", DIR.resolve("out").toString());
        p.setProperty("projectionist.report.dir", DIR.resolve("reports").toString());
        p.setProperty("projectionist.curation.file", "classpath:curation/demo-curation.yaml");
        context = new DefaultCamelContext();
        context.getPropertiesComponent().setInitialProperties(p);
        new OpsConfiguration().configure(context);
        context.start();
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
        sim.close();
    }

    @Test
    void aReportRunRetriesTransient503sFromTautulliAndPlexAndCountsItsPlexRequests() throws Exception {
        sim.tautulliFaults().failNext(1, 503);
        sim.plexFaults().failNext(1, 503);

        ReportJob.Result result = ReportJob.from(context).run(ReportSettings.from(
                context.getPropertiesComponent()::resolveProperty).withDays(7));

        assertThat(sim.tautulliFaults().injected()).isEqualTo(1);
        assertThat(sim.plexFaults().injected()).isEqualTo(1);
        assertThat(result.report().meta()).isNotNull();
        assertThat(result.files()).isNotEmpty();
        // the failed Plex call (the first: sections) and its retry both count
        assertThat(plexRequests("sections", "error")).isEqualTo(1);
        assertThat(plexRequests("sections", "ok")).isEqualTo(1);
        assertThat(plexRequests("collections.list", "ok")).isPositive();
    }

    @Test
    void aCurationRunRetriesATransient503FromPlexAndCountsItsPlexRequests() {
        CurationSetup.Setup setup = CurationSetup.from(context);
        assertThat(setup.enabled()).as(setup.why()).isTrue();
        sim.plexFaults().failNext(1, 503);

        Reconciler.Outcome o = setup.reconciler().run(false);

        assertThat(sim.plexFaults().injected()).isEqualTo(1);
        assertThat(o.complete()).isTrue();
        assertThat(o.reads()).isPositive();
        double errors = registry().find("projectionist_plex_requests").tag("outcome", "error").counters().stream()
                .mapToDouble(Counter::count).sum();
        double ok = registry().find("projectionist_plex_requests").tag("outcome", "ok").counters().stream()
                .mapToDouble(Counter::count).sum();
        assertThat(errors).isEqualTo(1);
        assertThat(ok).isEqualTo(o.reads() - 1);
    }

    double plexRequests(String operation, String outcome) {
        Counter c = registry().find("projectionist_plex_requests").tag("operation", operation).tag("outcome", outcome)
                .counter();
        return c == null ? 0 : c.count();
    }

    MeterRegistry registry() {
        return context.getRegistry().lookupByNameAndType(OpsMetrics.BEAN, OpsMetrics.class).registry();
    }
}
