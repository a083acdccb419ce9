package io.projectionist.activity;

import io.projectionist.Projectionist;
import io.projectionist.ops.OpsMetrics;
import io.projectionist.ops.Scrape;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorSettings;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.sim.world.LiveSession;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped application with events and policies (dry-run) on, against the simulator: Tautulli gets one
 * {@code get_activity} per activity interval, and that one poll feeds the snapshot log, the events, the policies and
 * the stream gauges.
 */
@CamelMainTest(mainClass = Projectionist.class)
class ActivityFeedMainTest {

    static final Path DIR = Path.of("target/it/activity-feed");
    static Simulator sim;
    static Map<String, String> props;
    static LiveSession movie;

    @BeanInject
    CamelContext context;

    @BeforeAll
    static void start() throws Exception {
        Scrape.deleteRecursively(DIR);
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(50));
        movie = sim.sessions().startRandom(1).get(0); // a 4K movie transcoding
        props = new LinkedHashMap<>();
        props.putAll(SimulatorSettings.of(sim, false, DIR));
        props.put("projectionist.management.enabled", "false");
        props.put("projectionist.history.enabled", "false");
        props.put("projectionist.activity.cron", "0/1 * * * * ?");
        props.put("projectionist.events.enabled", "true");
        props.put("projectionist.events.start-after-seconds", "1");
        props.put("projectionist.policy.mode", "dry-run");
        props.put("projectionist.policy.rules", "no-4k-transcodes");
        props.put("projectionist.policy.rules.no-4k-transcodes.transcode", "true");
        props.put("projectionist.policy.rules.no-4k-transcodes.source-resolution", "4k");
        props.put("projectionist.policy.rules.no-4k-transcodes.message", "4K needs a 4K player.");
        props.forEach(System::setProperty);
    }

    @AfterAll
    static void stop() {
        props.keySet().forEach(System::clearProperty);
        sim.close();
    }

    @Test
    void onePollPerIntervalFeedsEverySubscriber() throws Exception {
        // only the feed's poller reads tautulli:activity; every reader of activity has its queue on the feed
        assertThat(context.getRoutes().stream().filter(r -> r.getEndpoint().getEndpointUri().startsWith("tautulli://activity"))
                .map(Route::getRouteId)).containsExactly(ActivityFeedRoutes.ROUTE_ID);
        for (String[] subscriber : List.of(new String[] {"activity-snapshots", "snapshots"},
                new String[] {"activity-events", "events"}, new String[] {"stream-policies", "policies"},
                new String[] {OpsMetrics.ACTIVITY_ROUTE, "metrics"})) {
            assertThat(context.getRoute(subscriber[0]).getEndpoint()).as(subscriber[0])
                    .isSameAs(context.getEndpoint(ActivityFeed.subscriber(subscriber[1])));
        }

        Path snapshots = DIR.resolve("out/activity");
        assertThat(Scrape.await(15_000, () -> lines(snapshots) >= 1)).isTrue();
        long polls0 = sim.tautulliRequests("get_activity");
        long lines0 = lines(snapshots);
        long t0 = System.currentTimeMillis();
        Thread.sleep(6_000);
        long polls = sim.tautulliRequests("get_activity") - polls0;
        long seconds = (System.currentTimeMillis() - t0) / 1000;
        // one per second (a poll may be in flight at either end); three routes polling on their own made three
        assertThat(polls).as("get_activity calls in %d s", seconds).isBetween(seconds - 1, seconds + 1);
        assertThat(lines(snapshots) - lines0).as("one snapshot line per poll").isBetween(polls - 1, polls + 1);

        // the same polls fed the other subscribers
        Path policyAudit = DIR.resolve("data/policy/audit.jsonl");
        assertThat(Files.readAllLines(policyAudit)).singleElement().asString()
                .contains("\"outcome\":\"would_terminate\"").contains(movie.sessionKey());
        assertThat(Scrape.await(5_000, () -> eventsLogged().contains("playback.started"))).isTrue();
        OpsMetrics metrics = context.getRegistry().lookupByNameAndType(OpsMetrics.BEAN, OpsMetrics.class);
        assertThat(metrics.lastPollMillis("activity")).isGreaterThan(t0);
        assertThat(sim.sessions().terminations()).isEmpty();
    }

    static long lines(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            long n = 0;
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                n += Files.readAllLines(f).size();
            }
            return n;
        } catch (Exception e) {
            return 0;
        }
    }

    String eventsLogged() {
        Path dir = DIR.resolve("out/events");
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (Stream<Path> files = Files.list(dir)) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.toList()) {
                all.append(Files.readString(f));
            }
            return all.toString();
        } catch (Exception e) {
            return "";
        }
    }
}
