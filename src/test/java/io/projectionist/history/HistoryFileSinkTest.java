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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.io.UncheckedIOException;

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
    void aDayWhoseJsonlCannotBeFlushedPublishesNeitherFile(@TempDir Path dir) throws Exception {
        HistoryFileSink sink = new HistoryFileSink(dir, ZONE, true);
        ZonedDateTime noon = ZonedDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZONE);
        sink.write(List.of(play(1, noon, "A")), noon.toLocalDate()); // the 1st stays open
        // the JSONL's flush fails (its partial file is gone) after the CSV's has succeeded
        Files.delete(dir.resolve("2026/03/.01.jsonl.partial"));
        assertThatThrownBy(() -> sink.write(List.of(), null)).isInstanceOf(UncheckedIOException.class);
        // a reader sees the two files agree: the CSV was not published ahead of the JSONL
        assertThat(dir.resolve("2026/03/01.csv")).doesNotExist();
        assertThat(dir.resolve("2026/03/01.jsonl")).doesNotExist();
        assertThat(sink.discard()).extracting(HistoryRow::id).containsExactly(1L);
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
        assertThat(HistoryFileSink.idsInCsv(dir.resolve("2026/03/01.csv")))
                .containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void idsAreReadFromJsonLines(@TempDir Path dir) throws Exception {
        Path jsonl = Files.writeString(dir.resolve("day.jsonl"),
                "{\"reference_id\":5,\"row_id\":5,\"id\":5}\n{\"reference_id\":12,\"row_id\":12,\"id\":12}\n");
        assertThat(HistoryFileSink.idsIn(jsonl)).containsExactlyInAnyOrder(5L, 12L);
        assertThat(HistoryFileSink.idsIn(dir.resolve("absent.jsonl"))).isEmpty();
    }

    @Test
    void dayOfUsesTheConfiguredZone() {
        HistoryFileSink sink = new HistoryFileSink(Path.of("unused"), ZONE, false);
        ZonedDateTime lateUtc = ZonedDateTime.of(2026, 3, 1, 23, 30, 0, 0, ZoneId.of("UTC"));
        assertThat(sink.dayOf(row(1, lateUtc, "x"))).isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void aDayKeptOpenIsInvisibleUntilPublishedAndWrittenOnce(@TempDir Path dir) throws Exception {
        HistoryFileSink sink = new HistoryFileSink(dir, ZONE, true);
        ZonedDateTime day1 = ZonedDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZONE);
        ZonedDateTime day2 = day1.plusDays(1);
        // page 1 ends on day 1 and more pages follow: day 1 stays open
        HistoryFileSink.Published p1 = sink.write(List.of(play(1, day1, "A"), play(2, day1, "B")),
                day1.toLocalDate());
        assertThat(p1.written()).isEmpty();
        assertThat(dir.resolve("2026/03/01.jsonl")).doesNotExist();
        assertThat(sink.unpublished()).isEqualTo(2);
        // page 2 (overlapping play 2) reaches day 2: day 1 is complete and published with its 2 plays, day 2 open
        HistoryFileSink.Published p2 = sink.write(List.of(play(2, day1, "B"), play(3, day1, "C"),
                play(4, day2, "D")), day2.toLocalDate());
        assertThat(p2.written()).extracting(p -> p.play().id()).containsExactly(1L, 2L, 3L);
        assertThat(p2.settled()).extracting(HistoryRow::id).containsExactlyInAnyOrder(1L, 2L, 2L, 3L);
        assertThat(Files.readAllLines(dir.resolve("2026/03/01.jsonl"))).hasSize(3);
        assertThat(Files.readAllLines(dir.resolve("2026/03/01.csv"))).hasSize(4);
        assertThat(dir.resolve("2026/03/02.jsonl")).doesNotExist();
        // the poll's last page publishes everything
        assertThat(sink.write(List.of(), null).written()).extracting(p -> p.play().id()).containsExactly(4L);
        assertThat(Files.readAllLines(dir.resolve("2026/03/02.jsonl"))).hasSize(1);
        assertThat(sink.unpublished()).isZero();
        try (var files = Files.list(dir.resolve("2026/03"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder(
                    "01.jsonl", "01.csv", "02.jsonl", "02.csv");
        }
    }

    @Test
    void discardingAnOpenDayLeavesThePublishedFileAndLetsTheRowsBeWrittenAgain(@TempDir Path dir) throws Exception {
        HistoryFileSink sink = new HistoryFileSink(dir, ZONE, true);
        ZonedDateTime day1 = ZonedDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZONE);
        sink.write(List.of(play(1, day1, "A")));
        sink.write(List.of(play(2, day1, "B")), day1.toLocalDate());
        assertThat(sink.discard()).extracting(HistoryRow::id).containsExactly(2L);
        assertThat(Files.readAllLines(dir.resolve("2026/03/01.jsonl"))).hasSize(1);
        assertThat(dir.resolve("2026/03/.01.jsonl.partial")).doesNotExist();
        // read again after the discard: written, not mistaken for a duplicate
        assertThat(sink.write(List.of(play(2, day1, "B")))).hasSize(1);
        assertThat(Files.readAllLines(dir.resolve("2026/03/01.jsonl"))).hasSize(2);
        assertThat(Files.readAllLines(dir.resolve("2026/03/01.csv"))).hasSize(3);
    }

    @Test
    void aPartialFileLeftByACrashIsReplaced(@TempDir Path dir) throws Exception {
        ZonedDateTime day1 = ZonedDateTime.of(2026, 3, 1, 12, 0, 0, 0, ZONE);
        new HistoryFileSink(dir, ZONE, false).write(List.of(play(1, day1, "A")));
        Files.writeString(dir.resolve("2026/03/.01.jsonl.partial"), "{\"row_id\":1}\n{\"row_id\":2, \"trunc");
        new HistoryFileSink(dir, ZONE, false).write(List.of(play(2, day1, "B")));
        List<String> lines = Files.readAllLines(dir.resolve("2026/03/01.jsonl"));
        assertThat(lines).hasSize(2);
        assertThat(HistoryFileSink.idsIn(dir.resolve("2026/03/01.jsonl"))).containsExactlyInAnyOrder(1L, 2L);
        assertThat(dir.resolve("2026/03/.01.jsonl.partial")).doesNotExist();
    }
}
