package io.projectionist.sim.plex;

import io.projectionist.sim.http.SimResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Plex's two wire formats from one tree. A {@link Node} has an XML element name, the JSON key it is grouped under,
 * typed attribute values and children. XML writes every attribute as a string with booleans as "1"/"0"; JSON keeps
 * the Java type (numbers typed, strings quoted, booleans true/false), so the typing quirks of real Plex (ratingKey a
 * string, librarySectionID an int in listings but a string in sessions) are decided where a node is built.
 */
final class Wire {

    static final String XML_TYPE = "text/xml;charset=utf-8";
    static final String JSON_TYPE = "application/json";
    static final String HTML_TYPE = "text/html";

    private Wire() {
    }

    /** One element; XML name by kind, JSON key by group; {@code single} renders a JSON object, not an array. */
    static final class Node {
        final String xmlName;
        final String jsonKey;
        final boolean single;
        final Map<String, Object> attrs = new LinkedHashMap<>();
        final List<Node> children = new ArrayList<>();
        /** Children produced while writing (a large history page), after {@link #children}; one JSON key. */
        Supplier<Iterator<Node>> lazy;
        String lazyJsonKey;

        Node(String xmlName, String jsonKey, boolean single) {
            this.xmlName = xmlName;
            this.jsonKey = jsonKey;
            this.single = single;
        }

        static Node container() {
            return new Node("MediaContainer", "MediaContainer", true);
        }

        /** An element grouped under its own name in JSON, as an array ({@code Genre}, {@code Guid}, {@code Hub}). */
        static Node of(String name) {
            return new Node(name, name, false);
        }

        /** An item: XML {@code Video/Directory/Track}, JSON under {@code Metadata}. */
        static Node metadata(String xmlName) {
            return new Node(xmlName, "Metadata", false);
        }

        /** A singleton child ({@code User}, {@code Player}, {@code Session}): a JSON object, not an array. */
        static Node single(String name) {
            return new Node(name, name, true);
        }

        /** Sets an attribute; null values are left out (a missing attribute means absent, not zero). */
        Node attr(String name, Object value) {
            if (value != null) {
                attrs.put(name, value);
            }
            return this;
        }

        Node add(Node child) {
            children.add(child);
            return this;
        }

        Node addAll(List<Node> nodes) {
            children.addAll(nodes);
            return this;
        }
    }

    // ---- responses ----------------------------------------------------------------------------------------------

    static SimResponse ok(Node container, boolean json) {
        return respond(200, container, json);
    }

    static SimResponse respond(int status, Node container, boolean json) {
        SimResponse r = SimResponse.streamed(status, json ? JSON_TYPE : XML_TYPE, out -> write(container, json, out));
        if (container.lazy == null) {
            try {
                r = SimResponse.of(status, json ? JSON_TYPE : XML_TYPE, r.render());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return common(r);
    }

    /** 200 with no body: what Plex answers to most writes. */
    static SimResponse empty() {
        return common(SimResponse.of(200, null, new byte[0]));
    }

    static SimResponse common(SimResponse r) {
        return r.withHeader("X-Plex-Protocol", "1.0").withHeader("Cache-Control", "no-cache");
    }

    /** Plex's HTML error page (also when JSON was asked for). */
    static SimResponse error(int status) {
        return common(SimResponse.of(status, HTML_TYPE, errorPage(status)));
    }

    static String errorPage(int status) {
        String title = title(status);
        return "<html><head><title>" + title + "</title></head><body><h1>" + status + " " + title
                + "</h1></body></html>";
    }

    /** The 401 page of {@code GET /}: the same plus a script that sends browsers to the web app. */
    static String rootUnauthorizedPage() {
        return "<html><head><script>window.location = window.location.href.match(/(^.+\\/)[^\\/]*$/)[1] + "
                + "'web/index.html';</script><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1>"
                + "</body></html>";
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            default -> "Internal Server Error";
        };
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    static void write(Node root, boolean json, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 16_384);
        if (json) {
            w.write("{\"MediaContainer\":");
            writeJsonObject(root, w);
            w.write('}');
        } else {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            writeXml(root, w, 0);
        }
        w.flush();
    }

    private static void writeXml(Node n, Writer w, int depth) throws IOException {
        indent(w, depth);
        w.write('<');
        w.write(n.xmlName);
        for (Map.Entry<String, Object> a : n.attrs.entrySet()) {
            w.write(' ');
            w.write(a.getKey());
            w.write("=\"");
            w.write(escapeXml(xmlValue(a.getValue())));
            w.write('"');
        }
        Iterator<Node> lazy = n.lazy == null ? null : n.lazy.get();
        if (n.children.isEmpty() && (lazy == null || !lazy.hasNext())) {
            w.write(" />\n");
            return;
        }
        w.write(">\n");
        for (Node c : n.children) {
            writeXml(c, w, depth + 1);
        }
        while (lazy != null && lazy.hasNext()) {
            writeXml(lazy.next(), w, depth + 1);
        }
        indent(w, depth);
        w.write("</");
        w.write(n.xmlName);
        w.write(">\n");
    }

    private static void indent(Writer w, int depth) throws IOException {
        for (int i = 0; i < depth; i++) {
            w.write("  ");
        }
    }

    static String xmlValue(Object v) {
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        return String.valueOf(v);
    }

    static String escapeXml(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\n' -> "&#10;";
                case '\r' -> "&#13;";
                case '\t' -> "&#9;";
                default -> c < 0x20 ? "" : null;
            };
            if (rep != null) {
                if (sb == null) {
                    sb = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                sb.append(rep);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static void writeJsonObject(Node n, Writer w) throws IOException {
        w.write('{');
        boolean first = true;
        for (Map.Entry<String, Object> a : n.attrs.entrySet()) {
            if (!first) {
                w.write(',');
            }
            first = false;
            writeJsonString(a.getKey(), w);
            w.write(':');
            writeJsonValue(a.getValue(), w);
        }
        // group children by JSON key in order of first appearance
        Map<String, List<Node>> groups = new LinkedHashMap<>();
        for (Node c : n.children) {
            groups.computeIfAbsent(c.jsonKey, k -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<String, List<Node>> g : groups.entrySet()) {
            if (!first) {
                w.write(',');
            }
            first = false;
            writeJsonString(g.getKey(), w);
            w.write(':');
            List<Node> list = g.getValue();
            if (list.size() == 1 && list.get(0).single) {
                writeJsonObject(list.get(0), w);
            } else {
                w.write('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        w.write(',');
                    }
                    writeJsonObject(list.get(i), w);
                }
                w.write(']');
            }
        }
        if (n.lazy != null) {
            Iterator<Node> it = n.lazy.get();
            if (it.hasNext()) {
                if (!first) {
                    w.write(',');
                }
                writeJsonString(n.lazyJsonKey, w);
                w.write(":[");
                boolean firstItem = true;
                while (it.hasNext()) {
                    if (!firstItem) {
                        w.write(',');
                    }
                    firstItem = false;
                    writeJsonObject(it.next(), w);
                }
                w.write(']');
            }
        }
        w.write('}');
    }

    private static void writeJsonValue(Object v, Writer w) throws IOException {
        if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            w.write(String.valueOf(v));
        } else if (v instanceof Double d) {
            w.write(d.isNaN() || d.isInfinite() ? "null" : String.valueOf(d));
        } else {
            writeJsonString(String.valueOf(v), w);
        }
    }

    static void writeJsonString(String s, Writer w) throws IOException {
        w.write('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> w.write("\\\"");
                case '\\' -> w.write("\\\\");
                case '\n' -> w.write("\\n");
                case '\r' -> w.write("\\r");
                case '\t' -> w.write("\\t");
                default -> {
                    if (c < 0x20) {
                        w.write(String.format("\\u%04x", (int) c));
                    } else {
                        w.write(c);
                    }
                }
            }
        }
        w.write('"');
    }
}
