package io.projectionist.history;

import io.projectionist.support.AtomicFiles;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.projectionist.support.Json;
import io.projectionist.tautulli.model.HistoryRow;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Pages of plays that could not be ingested (Plex unreachable after every retry, the breaker open, a disk
 * error) are parked as JSON files with the reason, so nothing is lost; {@code projectionist replay history} feeds
 * them back through the same route. A play is parked once: the same page read again while Plex is still down (the
 * watermark stays before it) adds no file, and duplicates within a page are dropped.
 */
public class HistoryDeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryDeadLetters.class);
    private static final TypeReference<List<HistoryRow>> ROWS = new TypeReference<>() {
    };

    private final Path dir;
    private final SeenPlays seen;
    /** Exchange property: the reason of the last park, for the poll's own message. */
    public static final String PARKED_REASON = "historyParkedReason";

    private final ObjectMapper mapper = Json.snakeCase();
    /** Row ids in the parked files; loaded from the folder on first use (after a restart it already holds some). */
    private Set<Long> parked;

    public HistoryDeadLetters(Path dir, SeenPlays seen) {
        this.dir = dir;
        this.seen = seen;
    }

    public Path dir() {
        return dir;
    }

    /** Dead-letter channel endpoint: the exchange holds the original page and the exception that failed it. */
    @SuppressWarnings("unchecked")
    public synchronized void park(Exchange exchange) throws IOException {
        Throwable cause = rootCause(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        String reason = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        exchange.setProperty(PARKED_REASON, reason);
        List<HistoryRow> rows = exchange.getMessage().getBody(List.class);
        // distinct plays (a page and the open days parked with it may hold a row twice), not parked before
        Map<Long, HistoryRow> fresh = new LinkedHashMap<>();
        int already = 0;
        for (HistoryRow row : rows == null ? List.<HistoryRow>of() : rows) {
            // parked is not ingested: the ids must not count as seen, or a replay would drop them
            seen.remove(String.valueOf(row.id()));
            if (parked().contains(row.id())) {
                already++;
            } else {
                fresh.putIfAbsent(row.id(), row);
            }
        }
        if (fresh.isEmpty()) {
            if (already > 0) {
                LOG.warn("history: {} plays not ingested again, still parked in {} ({})", already, dir, reason);
            }
            return;
        }
        ObjectNode doc = mapper.createObjectNode();
        doc.put("reason", reason);
        doc.put("failed_at", Instant.now().toString());
        doc.put("rows_count", fresh.size());
        doc.set("rows", mapper.valueToTree(fresh.values()));
        Path file = dir.resolve("page-" + System.currentTimeMillis() + "-" + exchange.getExchangeId() + ".json");
        AtomicFiles.write(file, mapper.writeValueAsBytes(doc));
        parked.addAll(fresh.keySet());
        LOG.warn("history: {} plays parked in {} ({})", fresh.size(), file, reason);
    }

    private Set<Long> parked() throws IOException {
        if (parked == null) {
            Set<Long> ids = new HashSet<>();
            for (Path file : files()) {
                rowsOf(file).forEach(r -> ids.add(r.id()));
            }
            parked = ids;
        }
        return parked;
    }

    private List<Path> files() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private List<HistoryRow> rowsOf(Path file) throws IOException {
        return mapper.convertValue(mapper.readTree(file.toFile()).path("rows"), ROWS);
    }

    private synchronized void forget(List<HistoryRow> rows) throws IOException {
        Set<Long> ids = parked();
        rows.forEach(r -> ids.remove(r.id()));
    }

    private synchronized void remember(List<HistoryRow> rows) throws IOException {
        Set<Long> ids = parked();
        rows.forEach(r -> ids.add(r.id()));
    }

    /** The first cause that is not Camel's wrapping (e.g. "Multicast processing failed"). */
    static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while (c != null && c.getCause() != null && c.getClass().getName().startsWith("org.apache.camel.")) {
            c = c.getCause();
        }
        return c;
    }

    /** Sends every parked page to {@code endpoint}; a page that goes through is deleted. Returns pages replayed. */
    public int replay(ProducerTemplate template, String endpoint) throws IOException {
        int done = 0;
        for (Path file : files()) {
            List<HistoryRow> rows = rowsOf(file);
            // while this file is replayed its plays count as not parked, so a failure parks them again
            forget(rows);
            Exchange result = template.request(endpoint, e -> e.getMessage().setBody(rows));
            if (result.getException() != null) {
                remember(rows);
                LOG.warn("history: replay of {} failed again ({}); kept", file.getFileName(),
                        result.getException().getMessage());
                continue;
            }
            // ingested, or parked again in a new file with the new reason: either way this one is done
            Files.delete(file);
            if (result.getProperty(Exchange.EXCEPTION_CAUGHT) == null) {
                done++;
                LOG.info("history: replayed {} plays from {}", rows.size(), file.getFileName());
            }
        }
        return done;
    }

}
