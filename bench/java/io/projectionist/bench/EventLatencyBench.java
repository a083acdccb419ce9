package io.projectionist.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.projectionist.activity.ActivityFeedRoutes;
import io.projectionist.delivery.DeliveryRouteConfigurations;
import io.projectionist.delivery.DeliveryRoutes;
import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.sim.world.LiveSession;
import io.projectionist.sim.world.TranscodeDecision;
import io.projectionist.tautulli.TautulliComponent;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Instant;

/**
 * Event time → webhook receipt. The simulator plays sessions; the bench pauses, resumes and re-transcodes them at
 * random moments (each session at most once per poll interval, so every action is one event), while the real
 * event routes poll on their Quartz cron and deliver to an in-JVM HTTP receiver. Prints p50/p95/p99/max of
 * action → receipt (what a user waits; bounded by the poll interval) and of detection → receipt (the pipeline).
 * Target: p99 ≤ poll interval + 0.5 s. Run:
 * mvn -B -Pbench test-compile exec:java -Dexec.mainClass=io.projectionist.bench.EventLatencyBench
 * [-Dexec.args="<poll seconds, 10> <duration seconds, 90> <sessions, 8>"]
 */
public final class EventLatencyBench {

    record Action(String sessionKey, String event, long at) {
    }

    public static void main(String[] args) throws Exception {
        int poll = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int duration = args.length > 1 ? Integer.parseInt(args[1]) : 90;
        int sessions = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        ObjectMapper json = new ObjectMapper();
        List<long[]> samples = Collections.synchronizedList(new ArrayList<>()); // {action→receipt, detect→receipt}
        Map<String, Action> pending = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            long now = System.currentTimeMillis();
            JsonNode body = json.readTree(ex.getRequestBody());
            ex.sendResponseHeaders(204, -1);
            ex.close();
            String key = body.path("session_key").asText() + "|" + body.path("event").asText();
            Action a = pending.remove(key);
            if (a != null) {
                long detected = Instant.parse(body.path("timestamp").asText()).toEpochMilli();
                samples.add(new long[] {now - a.at(), now - detected});
            }
        });
        receiver.start();
        Path tmp = Files.createTempDirectory("event-bench");
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withPlays(1000))) {
            List<LiveSession> live = sim.sessions().startRandom(sessions);
            Properties p = new Properties();
            p.put("projectionist.activity.cron", "0/" + poll + " * * * * ?");
            p.put("projectionist.events.start-after-seconds", "0");
            p.put("projectionist.events.audit", "false");
            p.put("projectionist.data-dir", tmp.resolve("data").toString());
            p.put("projectionist.out-dir", tmp.resolve("out").toString());
            p.put("projectionist.webhooks", "bench");
            p.put("projectionist.webhooks.bench.url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            p.put("projectionist.webhooks.bench.events", "playback.paused,playback.resumed,transcode.changed");
            p.put("projectionist.webhooks.bench.throttle", "50");
            DefaultCamelContext ctx = new DefaultCamelContext();
            ctx.getPropertiesComponent().setLocation("classpath:application.properties");
            ctx.getPropertiesComponent().setOverrideProperties(p);
            ctx.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
            TautulliComponent t = ctx.getComponent("tautulli", TautulliComponent.class);
            t.setBaseUrl(sim.tautulliUrl());
            t.setApiKey(sim.tautulliApiKey());
            ctx.addRoutes(new DeliveryRouteConfigurations());
            ctx.addRoutes(new ActivityFeedRoutes());
            ctx.addRoutes(new DeliveryRoutes());
            ctx.start();
            Thread.sleep((poll + 1) * 1000L); // first poll: every session announced (start-after 0)
            Random rnd = new Random(42);
            Map<String, Long> lastAction = new HashMap<>();
            long end = System.currentTimeMillis() + duration * 1000L;
            int actions = 0;
            while (System.currentTimeMillis() < end) {
                Thread.sleep(100 + rnd.nextInt(400));
                LiveSession s = live.get(rnd.nextInt(live.size()));
                long now = System.currentTimeMillis();
                if (now - lastAction.getOrDefault(s.sessionKey(), 0L) < (poll + 1) * 1000L
                        || sim.sessions().get(s.sessionKey()).isEmpty()) {
                    continue;
                }
                LiveSession cur = sim.sessions().get(s.sessionKey()).get();
                String event;
                if (rnd.nextInt(4) == 0 && cur.item().type().video()) {
                    TranscodeDecision d = cur.transcodeDecision() == TranscodeDecision.TRANSCODE
                            ? TranscodeDecision.DIRECT_PLAY : TranscodeDecision.TRANSCODE;
                    sim.sessions().changeStream(s.sessionKey(), d, null);
                    event = "transcode.changed";
                } else if (cur.state().equals("playing")) {
                    sim.sessions().pause(s.sessionKey());
                    event = "playback.paused";
                } else {
                    sim.sessions().resume(s.sessionKey());
                    event = "playback.resumed";
                }
                lastAction.put(s.sessionKey(), now);
                pending.put(s.sessionKey() + "|" + event, new Action(s.sessionKey(), event, now));
                actions++;
            }
            Thread.sleep((poll + 2) * 1000L);
            ctx.stop();
            List<Long> total = samples.stream().map(a -> a[0]).sorted().toList();
            List<Long> pipeline = samples.stream().map(a -> a[1]).sorted().toList();
            System.out.printf("event latency: poll every %d s, %d s, %d sessions, %d actions, %d events received,"
                    + " %d missing%n", poll, duration, sessions, actions, samples.size(), pending.size());
            System.out.printf("  action → webhook receipt:    p50 %5d ms  p95 %5d ms  p99 %5d ms  max %5d ms"
                    + "  (target p99 ≤ %d ms: %s)%n", pct(total, 50), pct(total, 95), pct(total, 99),
                    total.isEmpty() ? 0 : total.get(total.size() - 1), poll * 1000 + 500,
                    pct(total, 99) <= poll * 1000L + 500 ? "met" : "MISSED");
            System.out.printf("  detection → webhook receipt: p50 %5d ms  p95 %5d ms  p99 %5d ms  max %5d ms%n",
                    pct(pipeline, 50), pct(pipeline, 95), pct(pipeline, 99),
                    pipeline.isEmpty() ? 0 : pipeline.get(pipeline.size() - 1));
        } finally {
            receiver.stop(0);
        }
    }

    static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
