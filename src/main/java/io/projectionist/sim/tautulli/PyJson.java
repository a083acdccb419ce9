package io.projectionist.sim.tautulli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.Instantiatable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * JSON the way Tautulli (Python's json.dumps) writes it: {@code ", "} and {@code ": "} separators, non-ASCII
 * escaped; with debug=1 an indent of 4 and sorted keys. Byte-level likeness keeps diffs against the real fixtures
 * readable.
 */
final class PyJson {

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).build())
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private static final ObjectMapper SORTED = MAPPER.copy().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private PyJson() {
    }

    /** Writes a value tree (maps, lists, strings, numbers, booleans, null, {@link JsonBody}) with a generator. */
    interface JsonBody {
        void write(JsonGenerator g) throws IOException;
    }

    static JsonGenerator generator(OutputStream out, int indent) throws IOException {
        JsonGenerator g = MAPPER.getFactory().createGenerator(out);
        g.setPrettyPrinter(new PythonPrinter(indent));
        return g;
    }

    static void writeValue(JsonGenerator g, Object value) throws IOException {
        if (value instanceof JsonBody body) {
            body.write(g);
        } else if (value instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (value instanceof Double d) {
            // Python prints whole floats as 1.0, but Tautulli's numbers that can be fractional are ints when whole
            if (d == Math.rint(d) && !Double.isInfinite(d)) {
                g.writeNumber(d.longValue());
            } else {
                g.writeNumber(d);
            }
        } else {
            g.writeObject(value);
        }
    }

    static byte[] bytes(Object value, int indent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = generator(out, indent)) {
            writeValue(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Re-renders compact JSON as Tautulli's debug output: indent 4, keys sorted. */
    static byte[] debug(byte[] compact) {
        try {
            Object tree = MAPPER.readValue(compact, Object.class);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compact.length * 2);
            try (JsonGenerator g = SORTED.getFactory().createGenerator(out)) {
                g.setPrettyPrinter(new PythonPrinter(4));
                SORTED.writeValue(g, tree);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Object tree(byte[] json) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Python json.dumps separators; indent > 0 gives the multi-line form. */
    static final class PythonPrinter implements PrettyPrinter, Instantiatable<PythonPrinter> {
        private final int indent;
        private int depth;

        PythonPrinter(int indent) {
            this.indent = indent;
        }

        @Override
        public PythonPrinter createInstance() {
            return new PythonPrinter(indent);
        }

        private void newline(JsonGenerator g) throws IOException {
            if (indent > 0) {
                g.writeRaw('\n');
                for (int i = 0; i < depth * indent; i++) {
                    g.writeRaw(' ');
                }
            }
        }

        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(' ');
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
            depth++;
        }

        @Override
        public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
            depth--;
            if (nrOfEntries > 0) {
                newline(g);
            }
            g.writeRaw('}');
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            if (indent > 0) {
                newline(g);
            } else {
                g.writeRaw(' ');
            }
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(": ");
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
            depth++;
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            depth--;
            if (nrOfValues > 0) {
                newline(g);
            }
            g.writeRaw(']');
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
            if (indent > 0) {
                newline(g);
            } else {
                g.writeRaw(' ');
            }
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            newline(g);
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) throws IOException {
            newline(g);
        }
    }

    /** Tautulli's out_type=xml (xmltodict.unparse, pretty, tab indent): lists repeat their element name. */
    static byte[] xml(Object tree) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
        if (tree instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                xmlElement(sb, String.valueOf(e.getKey()), e.getValue(), 0);
            }
        }
        // xmltodict ends the document without a trailing newline
        if (sb.charAt(sb.length() - 1) == '\n') {
            sb.setLength(sb.length() - 1);
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void xmlElement(StringBuilder sb, String name, Object value, int depth) {
        if (value instanceof List<?> list) {
            for (Object o : list) {
                xmlElement(sb, name, o, depth);
            }
            return;
        }
        sb.append("\t".repeat(depth)).append('<').append(name).append('>');
        if (value instanceof Map<?, ?> m) {
            if (!m.isEmpty()) {
                sb.append('\n');
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    xmlElement(sb, String.valueOf(e.getKey()), e.getValue(), depth + 1);
                }
                sb.append("\t".repeat(depth));
            }
        } else if (value != null) {
            String text = value instanceof Boolean b ? (b ? "true" : "false") : String.valueOf(value);
            sb.append(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
        }
        sb.append("</").append(name).append(">\n");
    }

    /** Tautulli's humanised durations: "2 days 20 hrs 39 mins 54 secs", zero units left out, "0" for nothing. */
    static String humanDuration(long seconds) {
        if (seconds <= 0) {
            return "0";
        }
        long d = seconds / 86400;
        long h = seconds % 86400 / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        StringBuilder sb = new StringBuilder();
        unit(sb, d, "day", "days");
        unit(sb, h, "hr", "hrs");
        unit(sb, m, "min", "mins");
        unit(sb, s, "sec", "secs");
        return sb.toString();
    }

    private static void unit(StringBuilder sb, long n, String one, String many) {
        if (n > 0) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(n).append(' ').append(n == 1 ? one : many);
        }
    }
}
