package io.projectionist.curation;

import io.projectionist.support.UpstreamRetry;
import io.projectionist.tautulli.TautulliClient;
import io.projectionist.tautulli.model.HomeStat;
import io.projectionist.tautulli.model.HomeStatRow;
import io.projectionist.tautulli.model.User;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Watch statistics for curation, from Tautulli; an interface so tests may stand in for it. */
public interface CurationStats {

    /**
     * One {@code get_home_stats} card: {@code popular_movies}, {@code top_tv}, … for one section over the last
     * {@code days} days (time_range; never before/after, which Tautulli 2.17.x breaks), best first.
     *
     * @param userId null = every user
     */
    List<HomeStatRow> card(String statId, String sectionId, int days, int count, String userId);

    /** The Tautulli user id of a user name, friendly name or id; null when there is no such user. */
    String userId(String user);

    /** Tautulli requests made so far. */
    int requests();

    /** Over a {@link TautulliClient}, without retries. */
    static CurationStats of(TautulliClient client) {
        return of(client, UpstreamRetry.none());
    }

    /** Over a {@link TautulliClient}; every call (all reads) retried with the shared back-off. */
    static CurationStats of(TautulliClient client, UpstreamRetry retry) {
        return new CurationStats() {
            private int requests;

            @Override
            public synchronized List<HomeStatRow> card(String statId, String sectionId, int days, int count,
                    String userId) {
                Map<String, String> p = new LinkedHashMap<>();
                p.put("stat_id", statId);
                p.put("time_range", String.valueOf(days));
                p.put("stats_count", String.valueOf(count));
                p.put("section_id", sectionId);
                if (userId != null) {
                    p.put("user_id", userId);
                }
                requests++;
                Object r = retry.call("curation: Tautulli get_home_stats", () -> client.callTyped("get_home_stats", p));
                if (r instanceof HomeStat h) {
                    return h.rows();
                }
                if (r instanceof List<?> cards) { // an old server that ignores stat_id
                    for (Object o : cards) {
                        if (o instanceof HomeStat h && statId.equals(h.statId())) {
                            return h.rows();
                        }
                    }
                }
                return List.of();
            }

            @Override
            @SuppressWarnings("unchecked")
            public synchronized String userId(String user) {
                requests++;
                List<User> users = (List<User>) retry.call("curation: Tautulli get_users",
                        () -> client.callTyped("get_users", Map.of()));
                for (User u : users) {
                    if (u.userId() != null && (user.equals(String.valueOf(u.userId()))
                            || user.equalsIgnoreCase(u.username()) || user.equalsIgnoreCase(u.friendlyName()))) {
                        return String.valueOf(u.userId());
                    }
                }
                return null;
            }

            @Override
            public synchronized int requests() {
                return requests;
            }
        };
    }

    /** The card of a section type: movie → *_movies, show → *_tv, artist → *_music. */
    static String statId(boolean popular, String sectionType) {
        String kind = switch (sectionType == null ? "" : sectionType.toLowerCase(Locale.ROOT)) {
            case "show" -> "tv";
            case "artist" -> "music";
            default -> "movies";
        };
        return (popular ? "popular_" : "top_") + kind;
    }
}
