package io.projectionist.delivery;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One configured destination ({@code projectionist.webhooks.<name>.*}) with its filter.
 *
 * @param events             event names or globs ({@code playback.*}); empty = every event; {@code none} = only
 *                           what routes send it
 * @param users              user, username or friendly name; empty = everyone (session events only when set)
 * @param libraries          library name or section id
 * @param mediaTypes         movie, episode, track ...
 * @param transcodeDecisions direct play, copy, transcode
 * @param template           a JSON payload template ({@code webhook} type), or null for the default payload
 * @param secret             HMAC-SHA256 key, or null for unsigned requests
 * @param throttle           at most this many requests per {@code throttlePeriodMillis}
 * @param file               for the {@code file} type: the JSON Lines folder
 */
public record Destination(String name, Type type, URI url, Set<String> events, Set<String> users,
        Set<String> libraries, Set<String> mediaTypes, Set<String> transcodeDecisions, PayloadTemplate template,
        String secret, String signatureHeader, int throttle, long throttlePeriodMillis, Path file) {

    public enum Type {
        WEBHOOK, DISCORD, SLACK, FILE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The seda queue this destination's route consumes, one message at a time (in order). */
    public String queueUri() {
        return "seda:projectionist-delivery-" + name + "?size=10000&blockWhenFull=true";
    }

    /** For log lines and dead letters: scheme and host only (Discord and Slack URLs carry their token). */
    public String safeTarget() {
        if (type == Type.FILE) {
            return "file " + file;
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "") + "/…";
    }

    /** Whether this destination wants the event (its parameters as {@code ActivityEvent#parameters()} builds them). */
    public boolean accepts(Map<String, Object> p) {
        String event = String.valueOf(p.get("event"));
        if (events.contains("none")) {
            return false;
        }
        if (!events.isEmpty() && events.stream().noneMatch(e -> matches(e, event))) {
            return false;
        }
        boolean session = p.containsKey("session_key");
        if (!users.isEmpty() && !(session && (in(users, p.get("user")) || in(users, p.get("username"))
                || in(users, p.get("friendly_name"))))) {
            return false;
        }
        if (!libraries.isEmpty() && !(session && (in(libraries, p.get("library_name"))
                || in(libraries, p.get("section_id"))))) {
            return false;
        }
        if (!mediaTypes.isEmpty() && !(session && in(mediaTypes, p.get("media_type")))) {
            return false;
        }
        return transcodeDecisions.isEmpty() || (session && in(transcodeDecisions, p.get("transcode_decision")));
    }

    static boolean matches(String pattern, String event) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            return event.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(event);
    }

    private static boolean in(Set<String> allowed, Object value) {
        return value != null && allowed.contains(String.valueOf(value).toLowerCase(Locale.ROOT));
    }

    /** Never prints the secret or the URL's path and query (webhook URLs carry tokens). */
    @Override
    public String toString() {
        return "Destination[" + name + ", " + type.wire() + ", " + safeTarget() + ", events=" + events
                + (secret != null ? ", signed" : "") + "]";
    }
}
