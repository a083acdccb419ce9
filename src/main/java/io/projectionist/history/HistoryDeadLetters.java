package io.projectionist.history;

import io.projectionist.support.AtomicFiles;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.stream.Stream;

/**
 * Pages of plays that could not be ingested (Plex unreachable after every retry, the breaker open, a disk
 * error) are parked as JSON files with the reason, so nothing is lost while the watermark moves on;
 * {@code projectionist replay history} feeds them back through the same route.
 */
public class HistoryDeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryDeadLetters.class);
    private static final TypeReference<List<HistoryRow>> ROWS = new TypeReference<>() {
    };

    private final Path dir;
    private final SeenPlays seen;
    private final ObjectMapper mapper = Json.snakeCase();

    public HistoryDeadLetters(Path dir, SeenPlays seen) {
        this.dir = dir;
        this.seen = seen;
    }

    public Path dir() {
        return dir;
    }

    /** Dead-letter channel endpoint: the exchange holds the original page and the exception that failed it. */
    @SuppressWarnings("unchecked")
    public void park(Exchange exchange) throws IOException {
        Throwable cause = rootCause(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
        List<HistoryRow> rows = exchange.getMessage().getBody(List.class);
        if (rows != null) {
            // parked is not ingested: the ids must not count as seen, or a replay would drop them
            for (HistoryRow row : rows) {
                seen.remove(String.valueOf(row.id()));
            }
        }
        ObjectNode doc = mapper.createObjectNode();
        doc.put("reason", cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        doc.put("failed_at", Instant.now().toString());
        doc.put("rows_count", rows == null ? 0 : rows.size());
        doc.set("rows", mapper.valueToTree(rows == null ? List.of() : rows));
        Path file = dir.resolve("page-" + System.currentTimeMillis() + "-" + exchange.getExchangeId() + ".json");
        AtomicFiles.write(file, mapper.writeValueAsBytes(doc));
        LOG.warn("history: {} plays parked in {} ({})", rows == null ? 0 : rows.size(), file,
                doc.get("reason").asText());
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
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        int done = 0;
        for (Path file : files) {
            JsonNode doc = mapper.readTree(file.toFile());
            List<HistoryRow> rows = mapper.convertValue(doc.path("rows"), ROWS);
            Exchange result = template.request(endpoint, e -> e.getMessage().setBody(rows));
            if (result.getException() != null) {
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
