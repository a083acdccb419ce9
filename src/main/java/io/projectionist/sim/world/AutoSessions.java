package io.projectionist.sim.world;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A background script for demos: keeps 2-4 sessions alive, starting, pausing, resuming, seeking and stopping them
 * every couple of seconds. Choices come from a seeded {@link Rng}, so the sequence of actions is reproducible
 * (timing follows the wall clock).
 */
public final class AutoSessions implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AutoSessions.class.getName());

    private final LiveSessions sessions;
    private final World world;
    private final Rng rng;
    private final ScheduledExecutorService timer;

    public AutoSessions(LiveSessions sessions, long periodMillis) {
        this.sessions = sessions;
        this.world = sessions.world();
        this.rng = Rng.of(world.seed(), "auto-sessions");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-auto-sessions");
            t.setDaemon(true);
            return t;
        });
        // two sessions right away, so a demo shows activity at once
        step();
        step();
        timer.scheduleWithFixedDelay(this::safeStep, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void safeStep() {
        try {
            step();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "auto session step failed", e);
        }
    }

    /** One scripted action. */
    synchronized void step() {
        List<LiveSession> live = sessions.list();
        int n = live.size();
        double x = rng.nextDouble();
        if (n < 2 || (n < 4 && x < 0.3)) {
            startOne();
        } else if (n >= 4 || x < 0.45) {
            sessions.stop(live.get(rng.nextInt(n)).sessionKey());
        } else if (x < 0.65) {
            LiveSession s = live.get(rng.nextInt(n));
            if (s.state().equals("playing")) {
                sessions.pause(s.sessionKey());
            } else {
                sessions.resume(s.sessionKey());
            }
        } else if (x < 0.8) {
            LiveSession s = live.get(rng.nextInt(n));
            if (!s.state().equals("playing")) {
                sessions.resume(s.sessionKey());
            }
        } else {
            LiveSession s = live.get(rng.nextInt(n));
            sessions.setProgress(s.sessionKey(), s.viewOffsetMs() + 60_000L * rng.between(1, 10));
        }
    }

    private void startOne() {
        User user = world.users().get(rng.nextInt(world.users().size()));
        double x = rng.nextDouble();
        MediaType type = x < 0.5 ? MediaType.EPISODE : x < 0.8 || !user.sharedSections().contains(3)
                ? MediaType.MOVIE : MediaType.TRACK;
        List<Item> pool = world.itemsOfType(type);
        Item item = pool.get(rng.nextInt(pool.size()));
        List<Device> devices = world.devicesOf(user);
        Device device = devices.get(rng.nextInt(devices.size()));
        if (device.musicOnly() != (type == MediaType.TRACK)) {
            device = devices.get(0);
        }
        boolean wan = !device.homeLan() && rng.chance(0.4);
        double d = rng.nextDouble();
        TranscodeDecision decision = type == MediaType.TRACK ? TranscodeDecision.DIRECT_PLAY
                : d < 0.55 ? TranscodeDecision.DIRECT_PLAY : d < 0.75 ? TranscodeDecision.COPY
                        : TranscodeDecision.TRANSCODE;
        long offset = (long) (item.durationMs() * rng.nextDouble() * 0.6);
        sessions.start(user.userId(), item.ratingKey(), LiveSessions.StartOptions.defaults()
                .withDevice(device.index()).withWan(wan).withDecision(decision).withViewOffsetMs(offset));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
