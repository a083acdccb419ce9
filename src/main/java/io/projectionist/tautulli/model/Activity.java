package io.projectionist.tautulli.model;

import java.util.List;

/** A {@code get_activity} snapshot: what is playing now, with stream counts and bandwidth in kbps. */
public record Activity(Integer streamCount, List<ActivitySession> sessions, Integer streamCountDirectPlay,
        Integer streamCountDirectStream, Integer streamCountTranscode, Long totalBandwidth, Long lanBandwidth,
        Long wanBandwidth) {

    public Activity {
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        streamCount = streamCount == null ? sessions.size() : streamCount;
    }

    /** An idle server, also what Tautulli answers ({@code data: {}}) when it has no Plex connection. */
    public static Activity idle() {
        return new Activity(0, List.of(), 0, 0, 0, 0L, 0L, 0L);
    }
}
