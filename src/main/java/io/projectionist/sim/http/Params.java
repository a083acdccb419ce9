package io.projectionist.sim.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Request parameters from the query string and a form-encoded body; the first value of a name wins. */
public final class Params {

    private final Map<String, String> values;

    public Params(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static Params parse(String rawQuery, String formBody) {
        Map<String, String> m = new LinkedHashMap<>();
        addAll(m, rawQuery);
        addAll(m, formBody);
        return new Params(m);
    }

    private static void addAll(Map<String, String> m, String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            m.putIfAbsent(name, value);
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s; // a stray % is passed through as typed
        }
    }

    public String get(String name) {
        return values.get(name);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value, or null when absent or empty (Tautulli treats "" as not given). */
    public String nonEmpty(String name) {
        String v = values.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public Map<String, String> asMap() {
        return values;
    }
}
