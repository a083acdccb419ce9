package io.projectionist.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.projectionist.tautulli.model.HistoryRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryFileSinkTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    static HistoryRow row(long id, ZonedDateTime started, String title) {
        long s = started.toEpochSecond();
        return new HistoryRow(id, id, id, s, s, s + 3600, 3000L, 3000L, 600L, 1001L, "alice", "Alice", null,
                "Roku", "Plex for Roku", "Roku Ultra", "10.0.0.2", 0, "m1", "lan", 1, 0, "movie", "5006", null, null,
                title, title, null, null, null, 2019, null, null, null, "2019-01-01", "plex://movie/1", "direct play",
                95, 1.0, 1, String.valueOf(id), null, null);
    }

    static EnrichedPlay play(long id, ZonedDateTime started, String title) {
        return new EnrichedPlay(row(id, started, title), Enrichment.none(Enrichment.DISABLED));
    }

    @Test
    void partitionsByLocalStartDayAndNeverWritesAnIdTwice(@TempDir Path dir) throws Exception {
        HistoryFileSink sink = new HistoryFileSink(dir, ZONE, true);
        // 23:30 UTC on the 1st is 00:30 on the 2nd in Berlin: it belongs to the 2nd
        ZonedDateTime lateUtc = ZonedDateTime.of(2026, 3, 1, 23, 30, 0, 0, ZoneId.of("UTC"));
        ZonedDateTime noon = ZonedDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZONE);
        List<EnrichedPlay> written = sink.write(List.of(play(1, noon, "A"), play(2, lateUtc, "B")));
        assertThat(written).hasSize(2);
        assertThat(dir.resolve("2026/03/01.jsonl")).exists();
        assertThat(dir.resolve("2026/03/02.jsonl")).exists();

        // the same ids again (a re-read after a crash), plus one new: only the new one is written
        written = sink.write(List.of(play(1, noon, "A"), play(3, noon, "C")));
        assertThat(written).extracting(p -> p.play().id()).containsExactly(3L);
        assertThat(Files.readAllLines(dir.resolve("2026/03/01.jsonl"))).hasSize(2);

        // a new sink (a restarted daemon) reads the ids back from the file
        HistoryFileSink restarted = new HistoryFileSink(dir, ZONE, true);
        assertThat(restarted.write(List.of(play(1, noon, "A"), play(3, noon, "C")))).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("2026/03/01.jsonl"))).hasSize(2);
        assertThat(Files.readAllLines(dir.resolve("2026/03/01.csv"))).hasSize(3); // header + 2
    }

    @Test
    void jsonUsesTautulliNamesAndCsvHasTheSameColumnsQuotedSafely(@TempDir Path dir) throws Exception {
        HistoryFileSink sink = new HistoryFileSink(dir, ZONE, true);
        ZonedDateTime t = ZonedDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZONE);
        sink.write(List.of(play(7, t, "Say \"Cheese\", Please")));
        JsonNode json = new ObjectMapper().readTree(Files.readAllLines(dir.resolve("2026/03/01.jsonl")).get(0));
        assertThat(json.path("row_id").asLong()).isEqualTo(7);
        assertThat(json.path("full_title").asText()).isEqualTo("Say \"Cheese\", Please");
        assertThat(json.path("enrichment_status").asText()).isEqualTo("disabled");
        List<String> csv = Files.readAllLines(dir.resolve("2026/03/01.csv"));
        String[] header = csv.get(0).split(",");
        assertThat(header).hasSize(json.size());
        assertThat(csv.get(1)).contains("\"Say \"\"Cheese\"\", Please\"");
    }

    @Test
    void aCrashBetweenTheTwoFilesIsRepairedWithoutDuplicates(@TempDir Path dir) throws Exception {
        ZonedDateTime t = ZonedDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZONE);
        new HistoryFileSink(dir, ZONE, true).write(List.of(play(1, t, "A")));
        // as if the daemon died after the CSV rename but before the JSON Lines one
        Files.delete(dir.resolve("2026/03/01.jsonl"));
        new HistoryFileSink(dir, ZONE, true).write(List.of(play(1, t, "A"), play(2, t, "B")));
        assertThat(Files.readAllLines(dir.resolve("2026/03/01.jsonl"))).hasSize(2);
        assertThat(Files.readAllLines(dir.resolve("2026/03/01.csv"))).hasSize(3);
        assertThat(HistoryFileSink.idsInCsv(Files.readAllBytes(dir.resolve("2026/03/01.csv"))))
                .containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void idsAreReadFromJsonLines() {
        byte[] jsonl = "{\"reference_id\":5,\"row_id\":5,\"id\":5}\n{\"reference_id\":12,\"row_id\":12,\"id\":12}\n"
                .getBytes();
        assertThat(HistoryFileSink.idsIn(jsonl)).containsExactlyInAnyOrder(5L, 12L);
    }

    @Test
    void dayOfUsesTheConfiguredZone() {
        HistoryFileSink sink = new HistoryFileSink(Path.of("unused"), ZONE, false);
        ZonedDateTime lateUtc = ZonedDateTime.of(2026, 3, 1, 23, 30, 0, 0, ZoneId.of("UTC"));
        assertThat(sink.dayOf(row(1, lateUtc, "x"))).isEqualTo(LocalDate.of(2026, 3, 2));
    }
}
