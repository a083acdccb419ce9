package io.projectionist.tautulli;

import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.tautulli.model.Activity;
import io.projectionist.tautulli.model.HistoryRow;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.function.BooleanSupplier;

/**
 * A transient Tautulli failure is retried inside the poll with the shared back-off, honouring Retry-After: with a
 * poll interval of an hour, what arrives within the test arrived in the first poll.
 */
class TautulliPollRetryTest extends CamelTestSupport {

    static Simulator sim;

    final List<HistoryRow> rows = new CopyOnWriteArrayList<>();
    final List<Activity> snapshots = new CopyOnWriteArrayList<>();
    final AtomicLong firstRowAt = new AtomicLong();

    @BeforeAll
    static void startSimulator() throws Exception {
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(300).withSeed(5));
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        TautulliComponent tautulli = new TautulliComponent();
        tautulli.setBaseUrl(sim.tautulliUrl());
        tautulli.setApiKey(sim.tautulliApiKey());
        context.addComponent("tautulli", tautulli);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("tautulli:history?length=1000&timeZone=UTC&delay=3600000&initialDelay=0")
                        .routeId("history").autoStartup(false)
                        .process(e -> {
                            firstRowAt.compareAndSet(0, System.nanoTime());
                            rows.addAll(e.getMessage().getBody(List.class));
                        });
                from("tautulli:activity?delay=3600000&initialDelay=0")
                        .routeId("activity").autoStartup(false)
                        .process(e -> snapshots.add(e.getMessage().getBody(Activity.class)));
            }
        };
    }

    @Test
    void aRateLimitedHistoryPollIsIngestedInTheSamePollAfterTheRetryAfter() throws Exception {
        sim.tautulliFaults().reset();
        sim.tautulliFaults().rateLimitNext(1, 3);
        int injectedBefore = sim.tautulliFaults().injected();
        long t0 = System.nanoTime();
        context.getRouteController().startRoute("history");
        await(() -> rows.size() >= 300);
        assertThat(sim.tautulliFaults().injected() - injectedBefore).as("the 429 was served").isEqualTo(1);
        assertThat(TimeUnit.NANOSECONDS.toMillis(firstRowAt.get() - t0)).as("waited the Retry-After")
                .isGreaterThanOrEqualTo(3_000);
        assertThat(rows).extracting(r -> r.id() != null ? r.id() : r.rowId()).doesNotHaveDuplicates().hasSize(300);
    }

    @Test
    void aBadGatewayOnGetActivityIsRetriedInTheSamePoll() throws Exception {
        sim.tautulliFaults().reset();
        sim.tautulliFaults().badGatewayNext(1);
        int injectedBefore = sim.tautulliFaults().injected();
        context.getRouteController().startRoute("activity");
        await(() -> !snapshots.isEmpty());
        assertThat(sim.tautulliFaults().injected() - injectedBefore).isEqualTo(1);
        assertThat(snapshots).hasSize(1);
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
