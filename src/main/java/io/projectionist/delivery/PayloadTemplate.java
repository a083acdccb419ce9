package io.projectionist.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A user's JSON payload, rendered the way Tautulli's webhook agent does it, safely: the template is parsed as
 * JSON once, then {@code {parameter}} is substituted inside string values (and keys), and the tree is serialised
 * again. A value with quotes, backslashes or newlines therefore always yields valid JSON, and non-string literals
 * stay as written. {@code {{} and {@code }}} are literal braces; an absent parameter renders as {@code ""}.
 */
public final class PayloadTemplate {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode tree;
    private final Set<String> parameters;

    private PayloadTemplate(JsonNode tree, Set<String> parameters) {
        this.tree = tree;
        this.parameters = parameters;
    }

    /**
     * Parses and checks a template.
     *
     * @param known   the parameter names a template may use
     * @param setting the setting it came from, for error messages
     * @throws IllegalArgumentException naming the setting: not JSON, not an object or array, an unknown parameter
     */
    public static PayloadTemplate parse(String json, Set<String> known, String setting) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(setting + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (tree == null || !(tree.isObject() || tree.isArray())) {
            throw new IllegalArgumentException(setting + " must be a JSON object or array");
        }
        Set<String> used = new TreeSet<>();
        collect(tree, used, setting);
        List<String> unknown = new ArrayList<>();
        for (String p : used) {
            if (!known.contains(p)) {
                unknown.add("{" + p + "}");
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(setting + " uses unknown parameter(s) " + String.join(", ", unknown)
                    + "; known: " + String.join(", ", new TreeSet<>(known)));
        }
        return new PayloadTemplate(tree, Set.copyOf(used));
    }

    /** The parameters the template uses. */
    public Set<String> parameters() {
        return parameters;
    }

    public String render(Map<String, ?> params) {
        try {
            return JSON.writeValueAsString(render(tree, params));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode render(JsonNode node, Map<String, ?> params) {
        if (node.isTextual()) {
            return TextNode.valueOf(substitute(node.asText(), params, null, null));
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(substitute(e.getKey(), params, null, null), render(e.getValue(), params));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(render(n, params)));
            return out;
        }
        return node;
    }

    private static void collect(JsonNode node, Set<String> used, String setting) {
        if (node.isTextual()) {
            substitute(node.asText(), null, used, setting);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                substitute(e.getKey(), null, used, setting);
                collect(e.getValue(), used, setting);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, used, setting));
        }
    }

    /** One pass over a string: renders with {@code params}, or (params null) collects names into {@code used}. */
    private static String substitute(String s, Map<String, ?> params, Set<String> used, String setting) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '{' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                out.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < s.length() && s.charAt(i + 1) == '}') {
                out.append('}');
                i += 2;
            } else if (c == '{') {
                int end = s.indexOf('}', i);
                if (end < 0) {
                    if (setting != null) {
                        throw new IllegalArgumentException(setting + ": '{' without '}' in \"" + s
                                + "\" (write {{ for a literal brace)");
                    }
                    out.append(s, i, s.length());
                    break;
                }
                String name = s.substring(i + 1, end).strip();
                if (used != null) {
                    used.add(name);
                }
                if (params != null) {
                    Object v = params.get(name);
                    out.append(v == null ? "" : String.valueOf(v));
                }
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
