package io.projectionist.sim.tautulli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The key order and value types of a real Tautulli object. {@link #fill} lays simulated values into that shape:
 * keys keep the template's order, each value is coerced to the template's JSON type (string vs int), and keys the
 * simulator has no value for get an empty value of that type — never a leftover value from the capture.
 */
final class Template {

    private final Map<String, Object> proto;

    private Template(Map<String, Object> proto) {
        this.proto = proto;
    }

    @SuppressWarnings("unchecked")
    static Template load(String resource, Function<Map<String, Object>, Object> select) {
        try (InputStream in = Template.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing template " + resource);
            }
            Map<String, Object> root = PyJson.MAPPER.readValue(in, LinkedHashMap.class);
            return new Template((Map<String, Object>) select.apply(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> root) {
        return (Map<String, Object>) ((Map<String, Object>) root.get("response")).get("data");
    }

    List<String> keys() {
        return List.copyOf(proto.keySet());
    }

    Map<String, Object> fill(Map<String, ?> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : proto.entrySet()) {
            String k = e.getKey();
            Object t = e.getValue();
            out.put(k, coerce(t, values.containsKey(k) ? values.get(k) : null, values.containsKey(k)));
        }
        return out;
    }

    private static Object coerce(Object template, Object value, boolean given) {
        if (template == null) {
            return given ? value : null; // e.g. last_seen: null in the capture
        }
        if (template instanceof String) {
            return value == null ? "" : String.valueOf(value);
        }
        if (template instanceof Integer || template instanceof Long) {
            if (value == null) {
                return 0;
            }
            if (value instanceof Boolean b) {
                return b ? 1 : 0;
            }
            if (value instanceof Number n) {
                return n;
            }
            String s = String.valueOf(value);
            return s.isEmpty() ? 0 : Long.parseLong(s);
        }
        if (template instanceof Boolean) {
            return value;
        }
        if (template instanceof List) {
            return value == null ? Collections.emptyList() : new ArrayList<>((List<?>) value);
        }
        if (template instanceof Map) {
            return value == null ? Collections.emptyMap() : value;
        }
        return value == null ? template : value;
    }
}
