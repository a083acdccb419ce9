package io.projectionist.plex;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import com.ctc.wstx.stax.WstxInputFactory;
import com.fasterxml.jackson.databind.JsonNode;

import io.projectionist.support.Json;
import java.util.Locale;

/**
 * Both of Plex's wire formats reduced to one shape: an element with string attributes and children by tag. XML maps
 * directly; in JSON scalar fields become attributes, objects and arrays of objects become children named by their
 * key ({@code "Metadata"}, {@code "Genre"}, {@code "User"}). Records are then mapped once from this shape, so XML
 * and JSON cannot drift apart, and every value is read leniently from its text ({@code 1}, {@code "1"},
 * {@code true}).
 */
final class PlexNode {

    final String name;
    final Map<String, String> attributes;
    final List<PlexNode> children;

    PlexNode(String name, Map<String, String> attributes, List<PlexNode> children) {
        this.name = name;
        this.attributes = attributes;
        this.children = children;
    }

    // ---- parsing ------------------------------------------------------------------------------------------------

    /** Thrown for a body that is not a well-formed MediaContainer; the caller names the call. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses a {@code MediaContainer} in XML or JSON, deciding by the first character (servers differ). */
    static PlexNode parseContainer(String body) throws MalformedException {
        String s = body.stripLeading();
        if (s.startsWith("{")) {
            return parseJson(s);
        }
        if (s.startsWith("<")) {
            return parseXml(s);
        }
        throw new MalformedException("neither XML nor JSON");
    }

    private static final XMLInputFactory XML = xmlFactory();

    private static XMLInputFactory xmlFactory() {
        // Woodstox by name: the JDK's default StAX parser would be picked if it were missing from the class path
        XMLInputFactory f = new WstxInputFactory();
        // Plex never sends a DTD; refusing them rules out entity expansion tricks
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    private static PlexNode parseXml(String body) throws MalformedException {
        XMLStreamReader r = null;
        try {
            r = XML.createXMLStreamReader(new StringReader(body));
            List<PlexNode> stack = new ArrayList<>();
            PlexNode root = null;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    Map<String, String> attrs = new LinkedHashMap<>();
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        attrs.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
                    }
                    PlexNode n = new PlexNode(r.getLocalName(), attrs, new ArrayList<>());
                    if (stack.isEmpty()) {
                        root = n;
                    } else {
                        stack.get(stack.size() - 1).children.add(n);
                    }
                    stack.add(n);
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    stack.remove(stack.size() - 1);
                }
            }
            if (root == null || !stack.isEmpty()) {
                throw new MalformedException("incomplete XML");
            }
            return requireContainer(root);
        } catch (XMLStreamException e) {
            // the parser's message carries the location only; keep it short
            throw new MalformedException("malformed or truncated XML");
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing to release
                }
            }
        }
    }

    private static PlexNode parseJson(String body) throws MalformedException {
        JsonNode tree;
        try {
            tree = Json.camelCase().readTree(body);
        } catch (Exception e) {
            // Jackson's message quotes the body; say what happened instead
            throw new MalformedException("malformed or truncated JSON");
        }
        JsonNode mc = tree == null ? null : tree.get("MediaContainer");
        if (mc == null || !mc.isObject()) {
            throw new MalformedException("JSON without a MediaContainer object");
        }
        return fromJson("MediaContainer", mc);
    }

    private static PlexNode fromJson(String name, JsonNode obj) {
        Map<String, String> attrs = new LinkedHashMap<>();
        List<PlexNode> children = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            JsonNode v = e.getValue();
            if (v.isObject()) {
                children.add(fromJson(e.getKey(), v));
            } else if (v.isArray()) {
                for (JsonNode el : v) {
                    if (el.isObject()) {
                        children.add(fromJson(e.getKey(), el));
                    }
                }
            } else if (!v.isNull()) {
                attrs.put(e.getKey(), v.asText());
            }
        }
        return new PlexNode(name, attrs, children);
    }

    private static PlexNode requireContainer(PlexNode root) throws MalformedException {
        if (!"MediaContainer".equals(root.name)) {
            throw new MalformedException("XML root <" + root.name + "> instead of <MediaContainer>");
        }
        return root;
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    String attr(String key) {
        String v = attributes.get(key);
        return v == null || v.isEmpty() ? null : v;
    }

    /** Attribute as text even when empty (summaries may legitimately be ""). */
    String text(String key) {
        return attributes.get(key);
    }

    Long longAttr(String key) {
        String v = attr(key);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            Double d = doubleAttr(key);
            return d == null ? null : (long) d.doubleValue();
        }
    }

    Integer intAttr(String key) {
        Long l = longAttr(key);
        return l == null || l > Integer.MAX_VALUE || l < Integer.MIN_VALUE ? null : l.intValue();
    }

    Double doubleAttr(String key) {
        String v = attr(key);
        if (v == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.strip());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code 1}/{@code "1"}/{@code true}/{@code "true"} → true, their opposites → false, else null. */
    Boolean boolAttr(String key) {
        String v = attr(key);
        if (v == null) {
            return null;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes" -> Boolean.TRUE;
            case "0", "false", "no" -> Boolean.FALSE;
            default -> null;
        };
    }

    List<PlexNode> children(Set<String> names) {
        List<PlexNode> out = new ArrayList<>();
        for (PlexNode c : children) {
            if (names.contains(c.name)) {
                out.add(c);
            }
        }
        return out;
    }

    List<PlexNode> children(String name) {
        return children(Set.of(name));
    }

    PlexNode child(String name) {
        for (PlexNode c : children) {
            if (c.name.equals(name)) {
                return c;
            }
        }
        return null;
    }
}
