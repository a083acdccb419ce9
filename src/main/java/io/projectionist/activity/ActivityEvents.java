package io.projectionist.activity;

import io.projectionist.tautulli.model.Activity;
import io.projectionist.tautulli.model.ActivitySession;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The activity capability in one place: snapshot in, events out (session events from the {@link SessionDiffer},
 * load and reachability events from the {@link LoadMonitor}), each event carrying the server's stream counts as
 * Tautulli names them ({@code streams}, {@code transcodes}, {@code user_streams} ...). Pure Java.
 */
public final class ActivityEvents {

    private final Clock clock;
    private final SessionDiffer differ;
    private final LoadMonitor load;

    public ActivityEvents(Clock clock, SessionDiffer differ, LoadMonitor load) {
        this.clock = Objects.requireNonNull(clock);
        this.differ = Objects.requireNonNull(differ);
        this.load = Objects.requireNonNull(load);
    }

    /** Events for one successful poll: reachability first, then sessions (in order), then load. */
    public List<ActivityEvent> onSnapshot(Activity snapshot) {
        Activity a = snapshot == null ? Activity.idle() : snapshot;
        List<ActivityEvent> loadEvents = load.onSnapshot(a, clock.instant());
        List<ActivityEvent> out = new ArrayList<>();
        loadEvents.stream().filter(e -> e.type() == EventType.TAUTULLI_REACHABLE).forEach(out::add);
        out.addAll(differ.diff(a));
        loadEvents.stream().filter(e -> e.type() != EventType.TAUTULLI_REACHABLE).forEach(out::add);
        return out.stream().map(e -> withCounts(e, a)).toList();
    }

    /** Events for one failed poll ({@code tautulli.unreachable} once enough polls failed in a row). */
    public List<ActivityEvent> onPollFailure(Throwable cause) {
        String error = cause == null ? "unknown error" : cause.getMessage();
        return load.onPollFailure(error, clock.instant());
    }

    private static ActivityEvent withCounts(ActivityEvent e, Activity a) {
        Map<String, Object> d = new LinkedHashMap<>(e.details());
        d.put("streams", a.streamCount());
        d.put("transcodes", a.streamCountTranscode());
        d.put("direct_plays", a.streamCountDirectPlay());
        d.put("direct_streams", a.streamCountDirectStream());
        d.put("total_bandwidth", a.totalBandwidth());
        d.put("lan_bandwidth", a.lanBandwidth());
        d.put("wan_bandwidth", a.wanBandwidth());
        if (e.session() != null && e.session().user() != null) {
            long n = a.sessions().stream().map(ActivitySession::user).filter(e.session().user()::equals).count();
            d.put("user_streams", n);
        }
        return new ActivityEvent(e.type(), e.id(), e.at(), e.session(), d);
    }
}
