package io.projectionist.support;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Describes an unexpected upstream response body in a few words for an error message: an HTML page (with its
 * title), an empty body, or the first characters of anything else. Upstreams behind reverse proxies answer with
 * login pages and gateway errors, and a Jackson stack trace helps nobody.
 */
public final class ResponseBodies {

    private static final Pattern TITLE = Pattern.compile("<title>\\s*(.*?)\\s*</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private ResponseBodies() {
    }

    public static boolean looksLikeHtml(String body) {
        String head = body == null ? "" : body.stripLeading().toLowerCase(Locale.ROOT);
        return head.startsWith("<!doctype html") || head.startsWith("<html") || head.contains("<body")
                || head.startsWith("<head");
    }

    public static String describe(String body) {
        if (body == null || body.isBlank()) {
            return "an empty body";
        }
        if (looksLikeHtml(body)) {
            Matcher m = TITLE.matcher(body);
            return m.find() ? "an HTML page titled '" + abbreviate(m.group(1), 80) + "'" : "an HTML page";
        }
        return "'" + abbreviate(body.strip().replaceAll("\\s+", " "), 120) + "'";
    }

    public static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
