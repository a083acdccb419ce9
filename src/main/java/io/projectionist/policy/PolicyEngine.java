package io.projectionist.policy;

import io.projectionist.tautulli.model.Activity;
import io.projectionist.tautulli.model.ActivitySession;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the rules against each activity snapshot (plain Java, no Camel types). A session is acted on once: the
 * first rule it breaks yields one {@link Violation}, later snapshots yield none for it (unless a failed termination
 * is {@linkplain #release released} to be tried again). Paused time is measured from the first snapshot that saw
 * the session paused.
 */
public final class PolicyEngine {

    /** A session that breaks a rule, with the message to show and why. */
    public record Violation(PolicyRule rule, ActivitySession session, String message, String reason) {
    }

    private final List<PolicyRule> rules;
    private final Clock clock;
    private final Set<String> acted = new HashSet<>();
    private final Map<String, Long> pausedSince = new HashMap<>();

    public PolicyEngine(List<PolicyRule> rules, Clock clock) {
        this.rules = List.copyOf(rules);
        this.clock = clock;
    }

    public synchronized List<Violation> evaluate(Activity activity) {
        long now = clock.millis();
        List<ActivitySession> sessions = new ArrayList<>(activity == null ? List.of() : activity.sessions());
        sessions.sort(Comparator.comparingLong(PolicyEngine::order));
        Set<String> present = new HashSet<>();
        for (ActivitySession s : sessions) {
            String id = id(s);
            present.add(id);
            if ("paused".equalsIgnoreCase(s.state())) {
                pausedSince.putIfAbsent(id, now);
            } else {
                pausedSince.remove(id);
            }
        }
        acted.retainAll(present);
        pausedSince.keySet().retainAll(present);

        List<Violation> out = new ArrayList<>();
        for (PolicyRule rule : rules) {
            Map<String, List<ActivitySession>> byUser = new LinkedHashMap<>();
            for (ActivitySession s : sessions) {
                Long since = pausedSince.get(id(s));
                if (rule.matches(s, since == null ? 0 : now - since)) {
                    byUser.computeIfAbsent(userKey(s), k -> new ArrayList<>()).add(s);
                }
            }
            for (List<ActivitySession> mine : byUser.values()) {
                int from = rule.maxStreamsPerUser() == null ? 0 : rule.maxStreamsPerUser();
                for (int i = from; i < mine.size(); i++) {
                    ActivitySession s = mine.get(i);
                    if (acted.add(id(s))) {
                        out.add(new Violation(rule, s, message(rule, s, mine.size()), rule.reason(s, mine.size())));
                    }
                }
            }
        }
        return out;
    }

    /** Forgets that a session was acted on, so the next snapshot may try again (after a retryable failure). */
    public synchronized void release(ActivitySession session) {
        acted.remove(id(session));
    }

    static String message(PolicyRule rule, ActivitySession s, int userStreams) {
        return rule.message()
                .replace("{user}", nz(s.friendlyName() != null ? s.friendlyName() : s.user()))
                .replace("{username}", nz(s.username()))
                .replace("{title}", nz(s.fullTitle() != null ? s.fullTitle() : s.title()))
                .replace("{player}", nz(s.player()))
                .replace("{rule}", rule.name())
                .replace("{streams}", String.valueOf(userStreams))
                .replace("{limit}", rule.maxStreamsPerUser() == null ? "" : String.valueOf(rule.maxStreamsPerUser()))
                .replace("{paused_minutes}", rule.pausedMinutes() == null ? "" : String.valueOf(rule.pausedMinutes()));
    }

    private static String id(ActivitySession s) {
        return s.sessionKey() + "|" + s.sessionId();
    }

    private static String userKey(ActivitySession s) {
        return s.userId() != null ? "id:" + s.userId() : "name:" + s.user();
    }

    /** Older sessions first (Plex session keys grow), so a stream limit ends the newest. */
    private static long order(ActivitySession s) {
        try {
            return Long.parseLong(s.sessionKey());
        } catch (NumberFormatException | NullPointerException e) {
            return Long.MAX_VALUE;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
