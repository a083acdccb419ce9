package io.projectionist.policy;

import io.projectionist.tautulli.model.ActivitySession;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One declarative stream policy: conditions that must all hold for a session (null/empty = not checked), and the
 * message shown to the viewer when the session is ended.
 *
 * @param transcode         the video is being transcoded (true) or not (false)
 * @param sourceResolutions the source's video resolution is one of these (4k, 1080, 720, sd)
 * @param location          lan or wan
 * @param bitrateAboveKbps  the delivered stream's bitrate (stream_bitrate, else bandwidth) is above this
 * @param pausedMinutes     the session has been paused for at least this many minutes (as seen by the polls)
 * @param maxStreamsPerUser a user has more matching sessions than this: the newest ones beyond it match
 * @param mediaTypes        movie, episode, track, …
 * @param users             only these users (username or friendly name)
 * @param exceptUsers       never these users
 */
public record PolicyRule(String name, String message, PolicyConfig.Via via, Boolean transcode,
        Set<String> sourceResolutions, String location, Long bitrateAboveKbps, Integer pausedMinutes,
        Integer maxStreamsPerUser, Set<String> mediaTypes, Set<String> users, Set<String> exceptUsers) {

    public PolicyRule {
        sourceResolutions = sourceResolutions == null ? Set.of() : Set.copyOf(sourceResolutions);
        mediaTypes = mediaTypes == null ? Set.of() : Set.copyOf(mediaTypes);
        users = users == null ? Set.of() : Set.copyOf(users);
        exceptUsers = exceptUsers == null ? Set.of() : Set.copyOf(exceptUsers);
    }

    boolean hasCondition() {
        return transcode != null || !sourceResolutions.isEmpty() || location != null || bitrateAboveKbps != null
                || pausedMinutes != null || maxStreamsPerUser != null || !mediaTypes.isEmpty() || !users.isEmpty();
    }

    /** The per-session conditions (all but max-streams-per-user); {@code pausedMillis} is how long it has been paused. */
    boolean matches(ActivitySession s, long pausedMillis) {
        if (transcode != null && transcoding(s) != transcode) {
            return false;
        }
        if (!sourceResolutions.isEmpty() && !sourceResolutions.contains(lower(s.videoResolution()))) {
            return false;
        }
        if (location != null && !location.equals(lower(s.location()))) {
            return false;
        }
        if (bitrateAboveKbps != null && bitrate(s) <= bitrateAboveKbps) {
            return false;
        }
        if (pausedMinutes != null && (!"paused".equals(lower(s.state())) || pausedMillis < pausedMinutes * 60_000L)) {
            return false;
        }
        if (!mediaTypes.isEmpty() && !mediaTypes.contains(lower(s.mediaType()))) {
            return false;
        }
        if (!users.isEmpty() && !isOneOf(s, users)) {
            return false;
        }
        return exceptUsers.isEmpty() || !isOneOf(s, exceptUsers);
    }

    /** Why a session matched, for logs and the audit. */
    String reason(ActivitySession s, int userStreams) {
        List<String> why = new ArrayList<>();
        if (transcode != null) {
            why.add(transcode ? "transcoding" : "not transcoding");
        }
        if (!sourceResolutions.isEmpty()) {
            why.add(lower(s.videoResolution()) + " source");
        }
        if (location != null) {
            why.add("on the " + location.toUpperCase(Locale.ROOT));
        }
        if (bitrateAboveKbps != null) {
            why.add(bitrate(s) + " kbps > " + bitrateAboveKbps);
        }
        if (pausedMinutes != null) {
            why.add("paused ≥ " + pausedMinutes + " min");
        }
        if (!mediaTypes.isEmpty()) {
            why.add(lower(s.mediaType()));
        }
        if (maxStreamsPerUser != null) {
            why.add(userStreams + " streams > " + maxStreamsPerUser + " for " + s.user());
        }
        return String.join(", ", why);
    }

    static boolean transcoding(ActivitySession s) {
        return s.isTranscode() || "transcode".equalsIgnoreCase(s.videoDecision());
    }

    static long bitrate(ActivitySession s) {
        if (s.streamBitrate() != null && s.streamBitrate() > 0) {
            return s.streamBitrate();
        }
        return s.bandwidth() == null ? 0 : s.bandwidth();
    }

    private static boolean isOneOf(ActivitySession s, Set<String> names) {
        return names.contains(lower(s.user())) || names.contains(lower(s.username()))
                || names.contains(lower(s.friendlyName()));
    }

    static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }
}
