package io.projectionist.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.projectionist.tautulli.model.HistoryRow;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Parking counts and stores distinct plays, and a page read again while Plex is still down is not parked twice. */
class HistoryDeadLettersTest {

    static Exchange failed(List<HistoryRow> rows) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("Plex down"));
        e.getMessage().setBody(rows);
        return e;
    }

    static List<Long> ids(Path file) throws Exception {
        JsonNode doc = new ObjectMapper().readTree(file.toFile());
        List<Long> ids = new ArrayList<>();
        doc.path("rows").forEach(r -> ids.add(r.path("id").asLong()));
        assertThat(doc.path("rows_count").asInt()).isEqualTo(ids.size());
        return ids;
    }

    @Test
    void parksDistinctPlaysOnce(@TempDir Path dir) throws Exception {
        Path dead = dir.resolve("dead");
        SeenPlays seen = new SeenPlays(new FileSeenStore(dir.resolve("seen")));
        HistoryDeadLetters letters = new HistoryDeadLetters(dead, seen);
        // a page and the open day parked with it can hold the same play twice
        List<HistoryRow> rows = new ArrayList<>();
        for (long id : new long[] {1, 2, 3, 2, 4, 5, 1}) {
            rows.add(SeenPlaysTest.row(id, 1000 + id));
        }
        seen.add("3");
        letters.park(failed(rows));
        List<Path> files = HistoryOutput.files(dead, ".json");
        assertThat(files).hasSize(1);
        assertThat(ids(files.get(0))).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(seen.contains("3")).as("a parked play is not ingested").isFalse();

        // the same page read again by the next poll, plus a new play: only the new one is parked
        rows.add(SeenPlaysTest.row(6, 1006));
        letters.park(failed(rows));
        files = HistoryOutput.files(dead, ".json");
        assertThat(files).hasSize(2);
        assertThat(files.stream().mapToInt(f -> {
            try {
                return ids(f).size();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).sum()).isEqualTo(6);

        // a restarted daemon knows what the folder holds
        HistoryDeadLetters restarted = new HistoryDeadLetters(dead, seen);
        restarted.park(failed(rows));
        assertThat(HistoryOutput.files(dead, ".json")).hasSize(2);
    }
}
