package io.projectionist.activity;

import io.projectionist.tautulli.model.Activity;
import io.projectionist.tautulli.model.ActivitySession;

import java.util.StringJoiner;

/**
 * One readable line per activity snapshot, for logs: who watches what, how, and the load. Registered as the bean
 * {@code activitySummary} so YAML routes can say {@code ${bean:activitySummary?method=describe}}.
 */
public class ActivitySummary {

    public String describe(Activity activity) {
        if (activity == null || activity.sessions().isEmpty()) {
            return "nothing playing";
        }
        StringJoiner sessions = new StringJoiner("; ");
        for (ActivitySession s : activity.sessions()) {
            sessions.add(describeSession(s));
        }
        return activity.streamCount() + " stream(s), " + nz(activity.streamCountTranscode()) + " transcoding, "
                + nz(activity.totalBandwidth()) + " kbps (WAN " + nz(activity.wanBandwidth()) + ") — " + sessions;
    }

    static String describeSession(ActivitySession s) {
        String who = s.friendlyName() != null ? s.friendlyName() : s.user();
        String quality = s.isTranscode()
                ? "transcode " + nv(s.videoResolution()) + "→" + nv(s.streamVideoResolution())
                : nv(s.transcodeDecision());
        return who + " " + nv(s.state()) + " '" + nv(s.fullTitle()) + "' on " + nv(s.player()) + " (" + quality
                + ", " + nz(s.progressPercent()) + "%)";
    }

    private static String nv(String v) {
        return v == null ? "?" : v;
    }

    private static Number nz(Number n) {
        return n == null ? 0 : n;
    }
}
