package io.projectionist.activity;

import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.tautulli.TautulliComponent;
import io.projectionist.tautulli.model.Activity;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed on its own: the activity-poll route against the simulator, with subscriber routes that record, fail,
 * rewrite or dawdle. One poll per interval; every subscriber gets the same snapshot object; a failing or slow
 * subscriber does not keep the others from theirs, and a slow one still gets its snapshots in order, one at a time;
 * a failed poll goes to the failure subscribers, not to the snapshot subscribers.
 */
class ActivityFeedTest {

    record Seen(Activity snapshot, String source, long at) {
    }

    Simulator sim;
    DefaultCamelContext context;
    final List<Seen> first = new CopyOnWriteArrayList<>();
    final List<Seen> second = new CopyOnWriteArrayList<>();
    final List<Seen> slow = new CopyOnWriteArrayList<>();
    final List<Seen> failures = new CopyOnWriteArrayList<>();
    final List<Throwable> failureBodies = new CopyOnWriteArrayList<>();
    final AtomicInteger slowRunning = new AtomicInteger();
    final AtomicBoolean slowOverlapped = new AtomicBoolean();

    @BeforeEach
    void start() throws Exception {
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(50));
        sim.sessions().startRandom(2);
        context = new DefaultCamelContext();
        Properties p = new Properties();
        p.put("projectionist.activity.cron", "0/1 * * * * ?");
        // the failed poll below must fail, not be retried inside the poll
        p.put("projectionist.activity.poll-retries", "0");
        context.getPropertiesComponent().setOverrideProperties(p);
        TautulliComponent t = context.getComponent("tautulli", TautulliComponent.class);
        t.setBaseUrl(sim.tautulliUrl());
        t.setApiKey(sim.tautulliApiKey());
        context.addRoutes(new ActivityFeedRoutes());
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(ActivityFeed.subscriber("first")).routeId("first").process(e -> first.add(seen(e)));
                from(ActivityFeed.subscriber("failing")).routeId("failing").process(e -> {
                    throw new IllegalStateException("a subscriber that always fails");
                });
                // a subscriber may change its own exchange's body; the others keep the snapshot
                from(ActivityFeed.subscriber("rewriting")).routeId("rewriting").setBody(constant("not a snapshot"));
                from("seda:projectionist-activity.second?size=100").routeId("second") // options are the user's own
                        .process(e -> second.add(seen(e)));
                from(ActivityFeed.subscriber("slow") + "?purgeWhenStopping=true").routeId("slow").process(e -> {
                    if (slowRunning.incrementAndGet() > 1) {
                        slowOverlapped.set(true);
                    }
                    Thread.sleep(2_500);
                    slow.add(seen(e));
                    slowRunning.decrementAndGet();
                });
                from(ActivityFeed.failureSubscriber("failures")).routeId("failures").process(e -> {
                    failures.add(seen(e));
                    failureBodies.add(e.getMessage().getBody(Throwable.class));
                });
            }
        });
        context.start();
    }

    static Seen seen(Exchange e) {
        return new Seen(e.getMessage().getBody(Activity.class),
                e.getMessage().getHeader(ActivityFeed.SOURCE_HEADER, String.class), System.currentTimeMillis());
    }

    @AfterEach
    void stop() {
        context.stop();
        sim.close();
    }

    @Test
    void everySubscriberGetsTheSameSnapshotOfOnePoll() throws Exception {
        assertThat(await(() -> first.size() >= 4 && second.size() >= 4, 15_000)).isTrue();
        long polls = sim.tautulliRequests("get_activity");
        for (int i = 0; i < 4; i++) {
            assertThat(second.get(i).snapshot()).as("snapshot %d", i).isSameAs(first.get(i).snapshot());
            assertThat(first.get(i).snapshot().sessions()).hasSize(2);
            assertThat(first.get(i).source()).isEqualTo(ActivityFeed.SOURCE_TAUTULLI_POLL);
        }
        // one get_activity per snapshot, whatever the number of subscribers (one more may be on its way)
        assertThat(polls).isBetween((long) first.size(), (long) first.size() + 1);
        assertThat(first.get(3).at() - first.get(0).at()).as("three intervals of 1 s, whatever the slow one does")
                .isLessThan(4_500);
        // the slow subscriber (2.5 s per snapshot) falls behind alone: the same objects, in order, one at a time
        assertThat(await(() -> slow.size() >= 2, 10_000)).isTrue();
        assertThat(slow.get(0).snapshot()).isSameAs(first.get(0).snapshot());
        assertThat(slow.get(1).snapshot()).isSameAs(first.get(1).snapshot());
        assertThat(slowOverlapped).isFalse();
        assertThat(failures).isEmpty();
    }

    @Test
    void aFailedPollGoesToTheFailuresEndpointAndPollingGoesOn() throws Exception {
        assertThat(await(() -> first.size() >= 1, 10_000)).isTrue();
        sim.tautulliFaults().failNext(1, 500);
        assertThat(await(() -> failures.size() == 1, 5_000)).isTrue();
        assertThat(failures.get(0).source()).isEqualTo(ActivityFeed.SOURCE_TAUTULLI_POLL);
        assertThat(failureBodies.get(0)).isNotNull().hasMessageContaining("500");
        int before = first.size();
        assertThat(await(() -> first.size() >= before + 2, 5_000)).as("the next polls are published").isTrue();
        assertThat(first).allSatisfy(s -> assertThat(s.snapshot()).isNotNull());
        assertThat(failures).hasSize(1);
    }

    static boolean await(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }
}
