package io.projectionist.history;

import io.projectionist.support.AtomicFiles;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.projectionist.support.Csv;
import io.projectionist.support.Json;
import io.projectionist.tautulli.model.HistoryRow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
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
 * and, optionally, {@code DD.csv} with the same columns. A day's file is replaced atomically: its new content is
 * built in a hidden {@code .DD.jsonl.partial} next to it (a copy of the current file, then the new lines), flushed to
 * disk and renamed into place; the JSONL and CSV of every day published together are flushed first and then renamed
 * back to back, so a failure or crash while flushing publishes neither. During a backfill a day stays open across pages and is published once complete, so
 * a day is written once, not once per page. A play whose row id the day's file already holds is not written again,
 * so a re-read after a crash can never duplicate a line.
 */
public class HistoryFileSink {

    private static final List<Column> COLUMNS = columns();
    private static final byte[] CSV_HEADER = Csv.of(List.of(COLUMNS.stream().map(Column::name).toList()))
            .getBytes(StandardCharsets.UTF_8);

    private final Path root;
    private final ZoneId zone;
    private final boolean csv;
    /** One JSON document per line. */
    private final ObjectWriter json = Json.snakeCase().writer().withRootValueSeparator("\n")
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    /** Row ids already in each day's JSONL and CSV file, for the days touched recently. */
    /** Days appended to and not yet published, by day. */
    private final Map<LocalDate, OpenDay> open = new TreeMap<>();
    private final Map<LocalDate, Set<Long>> idsByDay = recentDays();
    private final Map<LocalDate, Set<Long>> csvIdsByDay = recentDays();

    private Map<LocalDate, Set<Long>> recentDays() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<LocalDate, Set<Long>> eldest) {
                // plays arrive in start order and re-reads go back overlap-days: a few days are enough (a busy
                // server's day holds thousands of ids); an open day's ids must stay, its file lacks them
                return size() > 4 && !open.containsKey(eldest.getKey());
            }
        };
    }

    public HistoryFileSink(Path root, ZoneId zone, boolean csv) {
        this.root = root;
        this.zone = zone;
        this.csv = csv;
    }

    /** What a write settled: plays now in their published day files, and the rows the files already held. */
    public record Published(List<EnrichedPlay> written, List<HistoryRow> alreadyThere) {

        /** Every row now safely in the files: what may be committed as ingested. */
        public List<HistoryRow> settled() {
            List<HistoryRow> rows = new ArrayList<>(written.size() + alreadyThere.size());
            written.forEach(p -> rows.add(p.play()));
            rows.addAll(alreadyThere);
            return rows;
        }
    }

    /** Writes the plays not yet in their day's file and publishes every day; returns those written. */
    public List<EnrichedPlay> write(List<EnrichedPlay> plays) {
        return write(plays, null).written();
    }

    /**
     * Appends the plays not yet in their day's file. Plays come in start order, so during a backfill a day is
     * complete once a later day's plays arrive: {@code keepOpen} (the day of the page's last play, when more pages
     * follow) stays open and unpublished, so a busy day is written once instead of once per page; every other
     * open day is published (flushed to disk, renamed into place). {@code keepOpen = null} publishes everything.
     *
     * @return the plays published by this call (some appended by earlier calls), and the rows already there
     */
    public synchronized Published write(List<EnrichedPlay> plays, LocalDate keepOpen) {
        Map<LocalDate, List<EnrichedPlay>> byDay = new TreeMap<>();
        for (EnrichedPlay p : plays) {
            byDay.computeIfAbsent(dayOf(p.play()), d -> new ArrayList<>()).add(p);
        }
        List<HistoryRow> alreadyThere = new ArrayList<>();
        List<EnrichedPlay> written = new ArrayList<>(plays.size());
        try {
            for (Map.Entry<LocalDate, List<EnrichedPlay>> e : byDay.entrySet()) {
                appendDay(e.getKey(), e.getValue());
            }
            List<OpenDay> closing = new ArrayList<>();
            for (OpenDay day : open.values()) {
                if (!day.day.equals(keepOpen)) {
                    closing.add(day);
                }
            }
            // every file of every closing day goes to disk before the first rename: the slow part (flush, fsync)
            // can fail or be cut short by a crash without leaving a day's CSV published and its JSONL not
            for (OpenDay day : closing) {
                day.sync();
            }
            for (OpenDay day : closing) {
                day.publish();
                open.remove(day.day);
                written.addAll(day.plays);
                alreadyThere.addAll(day.alreadyThere);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write history under " + root + ": " + ex.getMessage(), ex);
        }
        return new Published(written, alreadyThere);
    }

    /** Plays appended but not yet published (their day is still open). */
    public synchronized int unpublished() {
        int n = 0;
        for (OpenDay d : open.values()) {
            n += d.plays.size();
        }
        return n;
    }

    /**
     * Drops the open days (on stop, or after a failed write) and returns their rows: they were never committed,
     * so they must be read again or parked; the published files are untouched.
     */
    public synchronized List<HistoryRow> discard() {
        List<HistoryRow> rows = new ArrayList<>();
        for (OpenDay d : open.values()) {
            d.discard();
            d.plays.forEach(p -> rows.add(p.play()));
            rows.addAll(d.alreadyThere);
        }
        open.clear();
        return rows;
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

    private void appendDay(LocalDate day, List<EnrichedPlay> plays) throws IOException {
        // each file is checked against its own content: a crash between the two renames must not leave one
        // file with a play the other lacks, nor let the re-read duplicate it in the file that has it
        OpenDay d = open.get(day);
        if (d == null) {
            d = new OpenDay(day);
            open.put(day, d);
        }
        Set<Long> jsonIds = ids(idsByDay, day, jsonlFile(day), false);
        List<EnrichedPlay> freshJson = fresh(plays, jsonIds);
        if (csv) {
            Set<Long> csvIds = ids(csvIdsByDay, day, csvFile(day), true);
            List<EnrichedPlay> freshCsv = fresh(plays, csvIds);
            if (!freshCsv.isEmpty()) {
                writeCsv(freshCsv, d.csv().out());
                freshCsv.forEach(p -> csvIds.add(p.play().id()));
            }
        }
        if (!freshJson.isEmpty()) {
            try (SequenceWriter w = json.writeValues(d.jsonl().out())) {
                w.writeAll(freshJson);
            }
            d.jsonl().out().write('\n');
            freshJson.forEach(p -> jsonIds.add(p.play().id()));
        }
        // a play is written when its JSON line is; one only the CSV lacked counts as already there
        Set<Long> freshIds = new HashSet<>();
        freshJson.forEach(p -> freshIds.add(p.play().id()));
        d.plays.addAll(freshJson);
        for (EnrichedPlay p : plays) {
            if (!freshIds.contains(p.play().id())) {
                d.alreadyThere.add(p.play());
            }
        }
    }

    /** Ids of a day file: from memory for recent days, else read back from the file. */
    private Set<Long> ids(Map<LocalDate, Set<Long>> cache, LocalDate day, Path file, boolean isCsv)
            throws IOException {
        Set<Long> ids = cache.get(day);
        if (ids == null) {
            ids = isCsv ? idsInCsv(file) : idsIn(file);
            cache.put(day, ids);
        }
        return ids;
    }

    /** A day being appended to: its JSONL (and CSV) replacements, open until published. */
    private final class OpenDay {
        final LocalDate day;
        final List<EnrichedPlay> plays = new ArrayList<>();
        final List<HistoryRow> alreadyThere = new ArrayList<>();
        private AtomicFiles.Pending jsonl;
        private AtomicFiles.Pending csvFile;

        OpenDay(LocalDate day) {
            this.day = day;
        }

        AtomicFiles.Pending jsonl() throws IOException {
            if (jsonl == null) {
                jsonl = AtomicFiles.open(jsonlFile(day), new byte[0]);
            }
            return jsonl;
        }

        AtomicFiles.Pending csv() throws IOException {
            if (csvFile == null) {
                csvFile = AtomicFiles.open(csvFile(day), CSV_HEADER);
            }
            return csvFile;
        }

        /** Both files' new content to disk, nothing renamed yet. */
        void sync() throws IOException {
            if (csvFile != null) {
                csvFile.sync();
            }
            if (jsonl != null) {
                jsonl.sync();
            }
        }

        /**
         * Two renames back to back (after {@link #sync}): CSV first, then JSON Lines, whose ids decide what counts
         * as written. A reader that finds a day's JSONL finds its CSV with at least the same plays.
         */
        void publish() throws IOException {
            if (csvFile != null) {
                csvFile.publish();
                csvFile = null;
            }
            if (jsonl != null) {
                jsonl.publish();
                jsonl = null;
            }
        }

        void discard() {
            // forget the ids appended but not published: a re-read must write them again
            if (jsonl != null) {
                jsonl.close();
                idsByDay.remove(day);
            }
            if (csvFile != null) {
                csvFile.close();
                csvIdsByDay.remove(day);
            }
        }
    }

    private static List<EnrichedPlay> fresh(List<EnrichedPlay> plays, Set<Long> written) {
        List<EnrichedPlay> fresh = new ArrayList<>(plays.size());
        for (EnrichedPlay p : plays) {
            if (!written.contains(p.play().id())) {
                fresh.add(p);
            }
        }
        return fresh;
    }

    /** Row ids in a CSV day file: the second column (after reference_id). */
    static Set<Long> idsInCsv(Path csv) throws IOException {
        return ids(csv, line -> {
            int c1 = line.indexOf(',');
            int c2 = c1 < 0 ? -1 : line.indexOf(',', c1 + 1);
            return c2 > c1 + 1 ? line.substring(c1 + 1, c2) : null;
        });
    }

    /** Row ids in a JSONL day file: each line starts with reference_id, row_id, id. */
    static Set<Long> idsIn(Path jsonl) throws IOException {
        return ids(jsonl, line -> {
            int at = line.indexOf("\"row_id\":");
            if (at < 0) {
                return null;
            }
            int i = at + 9;
            int j = i;
            while (j < line.length() && Character.isDigit(line.charAt(j))) {
                j++;
            }
            return line.substring(i, j);
        });
    }

    /** Reads a day file line by line (it can be large; only the ids stay in memory). */
    private static Set<Long> ids(Path file, Function<String, String> idOfLine) throws IOException {
        Set<Long> ids = new HashSet<>();
        if (!Files.exists(file)) {
            return ids;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String id = idOfLine.apply(line);
                if (id != null && !id.isEmpty()) {
                    try {
                        ids.add(Long.parseLong(id));
                    } catch (NumberFormatException ignored) {
                        // the header, or not a play line
                    }
                }
            }
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

    /** Writes the rows in chunks: the bytes of a whole day never sit in memory at once. */
    private static void writeCsv(List<EnrichedPlay> plays, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder(256 * 1024);
        for (EnrichedPlay p : plays) {
            for (int i = 0; i < COLUMNS.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                Column c = COLUMNS.get(i);
                Csv.appendCell(sb, cell(c.record().apply(c.fromEnrichment() ? p.enrichment() : p.play())));
            }
            sb.append(Csv.LINE_END);
            if (sb.length() > 200_000) {
                out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                sb.setLength(0);
            }
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A list (genres, directors) is one cell, its entries joined by '|'; anything else is its own cell. */
    private static Object cell(Object value) {
        if (value instanceof List<?> list) {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    joined.append('|');
                }
                joined.append(list.get(i));
            }
            return joined.toString();
        }
        return value;
    }
}
