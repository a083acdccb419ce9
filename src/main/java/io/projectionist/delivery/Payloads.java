package io.projectionist.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;

/**
 * Renders an event's parameters for a destination: the generic JSON webhook (the parameters themselves, or the
 * user's template), a Discord embed, Slack blocks, or a JSON line. Also signs bodies (HMAC-SHA256).
 */
public final class Payloads {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Payloads() {
    }

    /** The request body for {@code d}. */
    public static String render(Destination d, Map<String, Object> p) {
        return switch (d.type()) {
            case WEBHOOK -> d.template() != null ? d.template().render(p) : json(p);
            case DISCORD -> discord(p);
            case SLACK -> slack(p);
            case FILE -> json(p) + "\n";
        };
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code sha256=<hex>} of HMAC-SHA256(secret, body), the GitHub-style signature header value. */
    public static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** One human sentence for the event: "Alice started The Silent Harbor (2019) on Roku Ultra". */
    public static String headline(Map<String, Object> p) {
        String event = s(p, "event");
        String who = first(p, "friendly_name", "user", "username");
        String what = first(p, "full_title", "title");
        if (!s(p, "year").isEmpty() && "movie".equals(s(p, "media_type"))) {
            what = what + " (" + s(p, "year") + ")";
        }
        String on = s(p, "player").isEmpty() ? "" : " on " + s(p, "player");
        return switch (event) {
            case "playback.started" -> who + " started " + what + on;
            case "playback.stopped" -> who + " stopped " + what + on;
            case "playback.paused" -> who + " paused " + what + on;
            case "playback.resumed" -> who + " resumed " + what + on;
            case "playback.buffering" -> who + " is buffering " + what + on;
            case "transcode.changed" -> who + "'s stream of " + what + " changed to " + quality(p);
            case "stream.watched" -> who + " watched " + what;
            case "load.high" -> "Server load high: " + s(p, "metric").replace('_', ' ') + " " + s(p, "value")
                    + " (above " + s(p, "threshold") + ")";
            case "load.normal" -> "Server load normal: " + s(p, "metric").replace('_', ' ') + " " + s(p, "value");
            case "tautulli.unreachable" -> "Tautulli is unreachable: " + s(p, "error");
            case "tautulli.reachable" -> "Tautulli is reachable again";
            default -> event;
        };
    }

    /** "Transcode 4k → 1080", "Direct Play", "Copy". */
    public static String quality(Map<String, Object> p) {
        String decision = s(p, "transcode_decision");
        if (decision.isEmpty()) {
            return "";
        }
        String label = decision.substring(0, 1).toUpperCase(Locale.ROOT) + decision.substring(1);
        if ("transcode".equals(decision) && !s(p, "video_resolution").isEmpty()) {
            label += " " + s(p, "video_resolution") + " → " + s(p, "stream_video_resolution");
        }
        return label;
    }

    static String discord(Map<String, Object> p) {
        ObjectNode root = JSON.createObjectNode();
        root.put("username", "Projectionist");
        ObjectNode embed = root.putArray("embeds").addObject();
        embed.put("title", truncate(headline(p), 256));
        embed.put("color", color(s(p, "event")));
        embed.put("timestamp", s(p, "timestamp"));
        ArrayNode fields = embed.putArray("fields");
        field(fields, "User", first(p, "friendly_name", "user"));
        field(fields, "Player", join(s(p, "player"), s(p, "platform")));
        field(fields, "Quality", join(quality(p), s(p, "quality_profile")));
        if (p.containsKey("progress_percent")) {
            field(fields, "Progress", s(p, "progress_percent") + "%");
        }
        if (p.containsKey("streams")) {
            field(fields, "Streams", s(p, "streams"));
        }
        if (!s(p, "poster_url").isEmpty()) {
            embed.putObject("thumbnail").put("url", s(p, "poster_url"));
            embed.put("url", s(p, "poster_url"));
        }
        embed.putObject("footer").put("text", s(p, "event"));
        return json(root);
    }

    static String slack(Map<String, Object> p) {
        ObjectNode root = JSON.createObjectNode();
        String headline = headline(p);
        root.put("text", headline);
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", "*" + escapeSlack(headline) + "*");
        if (!s(p, "poster_url").isEmpty()) {
            section.putObject("accessory").put("type", "image").put("image_url", s(p, "poster_url"))
                    .put("alt_text", first(p, "full_title", "title"));
        }
        StringBuilder ctx = new StringBuilder();
        for (String part : new String[] {first(p, "friendly_name", "user"), s(p, "player"), quality(p),
            p.containsKey("progress_percent") ? s(p, "progress_percent") + "%" : ""}) {
            if (!part.isEmpty()) {
                ctx.append(ctx.length() == 0 ? "" : " · ").append(escapeSlack(part));
            }
        }
        if (ctx.length() > 0) {
            ObjectNode context = blocks.addObject();
            context.put("type", "context");
            context.putArray("elements").addObject().put("type", "mrkdwn").put("text", ctx.toString());
        }
        return json(root);
    }

    private static void field(ArrayNode fields, String name, String value) {
        if (!value.isBlank()) {
            fields.addObject().put("name", name).put("value", truncate(value, 1024)).put("inline", true);
        }
    }

    private static int color(String event) {
        return switch (event) {
            case "playback.started", "playback.resumed", "tautulli.reachable", "load.normal" -> 0x2ECC71;
            case "playback.stopped", "stream.watched" -> 0x95A5A6;
            case "playback.paused", "playback.buffering", "transcode.changed" -> 0xF1C40F;
            default -> 0xE74C3C;
        };
    }

    private static String escapeSlack(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() || a.equals(b) ? a : a + " · " + b;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static String first(Map<String, Object> p, String... keys) {
        for (String k : keys) {
            if (!s(p, k).isEmpty()) {
                return s(p, k);
            }
        }
        return "";
    }

    static String s(Map<String, Object> p, String key) {
        Object v = p.get(key);
        return v == null ? "" : String.valueOf(v);
    }
}
