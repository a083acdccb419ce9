package io.projectionist.history;

import io.projectionist.support.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.projectionist.support.Json;
import io.projectionist.tautulli.model.HistoryRow;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.CallSite;
import java.lang.invoke.LambdaMetafactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Writes plays as file-drop exports partitioned by the local day they started: {@code history/YYYY/MM/DD.jsonl}
 * and, optionally, {@code DD.csv} with the same columns. Each write replaces the day's file atomically (temp file
 * and rename), and a play whose row id the day's file already holds is not written again, so a re-read after a
 * crash can never duplicate a line.
 */
public class HistoryFileSink {

    private static final List<Column> COLUMNS = columns();
    private static final byte[] CSV_HEADER = (String.join(",", COLUMNS.stream().map(Column::name).toList()) + "\n")
            .getBytes(StandardCharsets.UTF_8);

    private final Path root;
    private final ZoneId zone;
    private final boolean csv;
    /** One JSON document per line. */
    private final ObjectWriter json = Json.snakeCase().writer().withRootValueSeparator("\n");
    /** Row ids already in each day's JSONL and CSV file, for the days touched recently. */
    private final Map<LocalDate, Set<Long>> idsByDay = recentDays();
    private final Map<LocalDate, Set<Long>> csvIdsByDay = recentDays();

    private static Map<LocalDate, Set<Long>> recentDays() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<LocalDate, Set<Long>> eldest) {
                return size() > 32;
            }
        };
    }

    public HistoryFileSink(Path root, ZoneId zone, boolean csv) {
        this.root = root;
        this.zone = zone;
        this.csv = csv;
    }

    /** Writes the plays not yet in their day's file; returns those written. */
    public synchronized List<EnrichedPlay> write(List<EnrichedPlay> plays) {
        Map<LocalDate, List<EnrichedPlay>> byDay = new TreeMap<>();
        for (EnrichedPlay p : plays) {
            byDay.computeIfAbsent(dayOf(p.play()), d -> new ArrayList<>()).add(p);
        }
        List<EnrichedPlay> written = new ArrayList<>(plays.size());
        for (Map.Entry<LocalDate, List<EnrichedPlay>> e : byDay.entrySet()) {
            try {
                written.addAll(writeDay(e.getKey(), e.getValue()));
            } catch (IOException ex) {
                throw new UncheckedIOException("cannot write history for " + e.getKey() + " under " + root, ex);
            }
        }
        return written;
    }

    public LocalDate dayOf(HistoryRow row) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(row.started() == null ? 0 : row.started()), zone);
    }

    public Path jsonlFile(LocalDate day) {
        return root.resolve(String.format("%04d/%02d/%02d.jsonl", day.getYear(), day.getMonthValue(),
                day.getDayOfMonth()));
    }

    public Path csvFile(LocalDate day) {
        return root.resolve(String.format("%04d/%02d/%02d.csv", day.getYear(), day.getMonthValue(),
                day.getDayOfMonth()));
    }

    private List<EnrichedPlay> writeDay(LocalDate day, List<EnrichedPlay> plays) throws IOException {
        // each file is checked against its own content: a crash between the two renames must not leave one
        // file with a play the other lacks, nor let the re-read duplicate it in the file that has it
        if (csv) {
            Path csvFile = csvFile(day);
            byte[] head = Files.exists(csvFile) ? Files.readAllBytes(csvFile) : CSV_HEADER;
            Set<Long> csvIds = csvIdsByDay.get(day);
            if (csvIds == null) {
                csvIds = idsInCsv(head);
                csvIdsByDay.put(day, csvIds);
            }
            List<EnrichedPlay> freshCsv = new ArrayList<>(plays.size());
            for (EnrichedPlay p : plays) {
                if (!csvIds.contains(p.play().id())) {
                    freshCsv.add(p);
                }
            }
            if (!freshCsv.isEmpty()) {
                AtomicFiles.write(csvFile, head, toCsv(freshCsv));
                freshCsv.forEach(p -> csvIdsByDay.get(day).add(p.play().id()));
            }
        }
        Path jsonlFile = jsonlFile(day);
        byte[] existing = Files.exists(jsonlFile) ? Files.readAllBytes(jsonlFile) : new byte[0];
        Set<Long> ids = idsByDay.get(day);
        if (ids == null) {
            ids = idsIn(existing);
            idsByDay.put(day, ids);
        }
        List<EnrichedPlay> fresh = new ArrayList<>(plays.size());
        for (EnrichedPlay p : plays) {
            if (!ids.contains(p.play().id())) {
                fresh.add(p);
            }
        }
        if (fresh.isEmpty()) {
            return fresh;
        }
        ByteArrayOutputStream lines = new ByteArrayOutputStream(fresh.size() * 1200);
        try (SequenceWriter w = json.writeValues(lines)) {
            w.writeAll(fresh);
        }
        lines.write('\n');
        AtomicFiles.write(jsonlFile, existing, lines.toByteArray());
        for (EnrichedPlay p : fresh) {
            ids.add(p.play().id());
        }
        return fresh;
    }

    /** Row ids in a CSV day file: the second column (after reference_id). */
    static Set<Long> idsInCsv(byte[] csv) {
        Set<Long> ids = new HashSet<>();
        String text = new String(csv, StandardCharsets.UTF_8);
        int pos = text.indexOf('\n') + 1; // skip the header
        while (pos > 0 && pos < text.length()) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = text.length();
            }
            int c1 = text.indexOf(',', pos);
            int c2 = c1 < 0 ? -1 : text.indexOf(',', c1 + 1);
            if (c2 > c1 + 1 && c2 < end) {
                try {
                    ids.add(Long.parseLong(text.substring(c1 + 1, c2)));
                } catch (NumberFormatException ignored) {
                    // not a play line
                }
            }
            pos = end + 1;
        }
        return ids;
    }

    /** Row ids in a JSONL day file: each line starts with reference_id, row_id, id. */
    static Set<Long> idsIn(byte[] jsonl) {
        Set<Long> ids = new HashSet<>();
        String text = new String(jsonl, StandardCharsets.UTF_8);
        int pos = 0;
        while (pos < text.length()) {
            int end = text.indexOf('\n', pos);
            if (end < 0) {
                end = text.length();
            }
            int at = text.indexOf("\"row_id\":", pos);
            if (at >= 0 && at < end) {
                int i = at + 9;
                int j = i;
                while (j < end && Character.isDigit(text.charAt(j))) {
                    j++;
                }
                if (j > i) {
                    ids.add(Long.parseLong(text.substring(i, j)));
                }
            }
            pos = end + 1;
        }
        return ids;
    }

    // --- CSV: the same flat columns as the JSON, in record order ---

    /** A column: its name and a real accessor function (built once with LambdaMetafactory; no reflection per row). */
    private record Column(String name, Function<Object, Object> record, boolean fromEnrichment) {
    }

    private static List<Column> columns() {
        List<Column> cols = new ArrayList<>();
        PropertyNamingStrategies.NamingBase snake = (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
        try {
            for (RecordComponent c : HistoryRow.class.getRecordComponents()) {
                cols.add(new Column(snake.translate(c.getName()), accessor(c), false));
            }
            for (RecordComponent c : Enrichment.class.getRecordComponents()) {
                cols.add(new Column(snake.translate(c.getName()), accessor(c), true));
            }
        } catch (Throwable e) {
            throw new IllegalStateException("cannot build the CSV columns", e);
        }
        return cols;
    }

    @SuppressWarnings("unchecked")
    private static Function<Object, Object> accessor(RecordComponent c) throws Throwable {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        MethodHandle getter = lookup.unreflect(c.getAccessor());
        CallSite site = LambdaMetafactory.metafactory(lookup, "apply", MethodType.methodType(Function.class),
                MethodType.methodType(Object.class, Object.class), getter,
                MethodType.methodType(c.getAccessor().getReturnType().isPrimitive()
                        ? MethodType.methodType(c.getAccessor().getReturnType()).wrap().returnType()
                        : c.getAccessor().getReturnType(), c.getDeclaringRecord()));
        return (Function<Object, Object>) site.getTarget().invokeExact();
    }

    private static byte[] toCsv(List<EnrichedPlay> plays) {
        StringBuilder sb = new StringBuilder(plays.size() * 600);
        for (EnrichedPlay p : plays) {
            for (int i = 0; i < COLUMNS.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                Column c = COLUMNS.get(i);
                appendCsv(sb, c.record().apply(c.fromEnrichment() ? p.enrichment() : p.play()));
            }
            sb.append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void appendCsv(StringBuilder sb, Object value) {
        if (value == null) {
            return;
        }
        String s;
        if (value instanceof List<?> list) {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    joined.append('|');
                }
                joined.append(list.get(i));
            }
            s = joined.toString();
        } else {
            s = value.toString();
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            sb.append('"').append(s.replace("\"", "\"\"")).append('"');
        } else {
            sb.append(s);
        }
    }
}
