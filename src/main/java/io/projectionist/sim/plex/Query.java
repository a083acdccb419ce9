package io.projectionist.sim.plex;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request's query string as Plex reads it: keys and values percent-decoded once (so {@code collection%5B0%5D.tag.tag}
 * and a raw {@code collection[0].tag.tag} are the same key), every value of a repeated key kept, order kept, a
 * {@code +} left as a plus (Plex clients encode spaces as {@code %20}). A key that carries a comparison operator
 * ({@code viewedAt>=5} arrives as key {@code viewedAt>} with value {@code 5}) is kept as sent; see {@link #compare}.
 */
final class Query {

    private final Map<String, List<String>> values;
    /** Every key=value in request order (advanced search reads push/and/or/pop between filters). */
    private final List<Map.Entry<String, String>> pairs;

    private Query(Map<String, List<String>> values, List<Map.Entry<String, String>> pairs) {
        this.values = values;
        this.pairs = pairs;
    }

    static Query parse(String rawQuery) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = decode(eq < 0 ? pair : pair.substring(0, eq));
                String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
                m.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                pairs.add(Map.entry(k, v));
            }
        }
        return new Query(m, List.copyOf(pairs));
    }

    /** Percent-decoding as Plex does it: UTF-8, {@code +} stays, a stray {@code %} passes through. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '%' && i + 2 < b.length && hex(b[i + 1]) >= 0 && hex(b[i + 2]) >= 0) {
                out.write(hex(b[i + 1]) * 16 + hex(b[i + 2]));
                i += 2;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** The first value of {@code name}, or null. */
    String get(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The first value, or null when absent or empty. */
    String nonEmpty(String name) {
        String v = get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, Collections.emptyList());
    }

    /** The parameters in the order sent, repeated keys repeated. */
    List<Map.Entry<String, String>> pairs() {
        return pairs;
    }

    Map<String, List<String>> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** An int parameter, or {@code fallback} when absent or not a number. */
    int intValue(String name, int fallback) {
        String v = nonEmpty(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** "1"/"true" → true, "0"/"false" → false, anything else → null. */
    Boolean flag(String name) {
        String v = nonEmpty(name);
        if (v == null) {
            return null;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true" -> Boolean.TRUE;
            case "0", "false" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** A comparison on {@code field} in Plex's media-query syntax. */
    record Comparison(String op, String value) {

        boolean test(long actual) {
            long v;
            try {
                v = Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                return true; // a filter Plex cannot read is ignored
            }
            return switch (op) {
                case ">=" -> actual >= v;
                case ">" -> actual > v;
                case "<=" -> actual <= v;
                case "<" -> actual < v;
                case "!=" -> actual != v;
                default -> actual == v;
            };
        }
    }

    /**
     * Every comparison on {@code field}: {@code field=v}, {@code field>=v} (key {@code field>}), {@code field>>=v}
     * (strictly greater; key {@code field>>}), {@code field<=v}, {@code field<<=v}, {@code field!=v}; keys that were
     * sent percent-encoded whole ({@code field%3E%3D=v}) read the same.
     */
    List<Comparison> compare(String field) {
        List<Comparison> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith(field)) {
                continue;
            }
            String rest = k.substring(field.length());
            while (rest.endsWith("=")) {
                rest = rest.substring(0, rest.length() - 1);
            }
            String op = switch (rest) {
                case "" -> "=";
                case ">" -> ">=";
                case ">>" -> ">";
                case "<" -> "<=";
                case "<<" -> "<";
                case "!" -> "!=";
                default -> null;
            };
            if (op == null) {
                continue;
            }
            for (String v : e.getValue()) {
                out.add(new Comparison(op, v));
            }
        }
        return out;
    }
}
