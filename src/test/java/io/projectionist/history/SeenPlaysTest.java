package io.projectionist.history;

import io.projectionist.tautulli.model.HistoryRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.time.Instant;

class SeenPlaysTest {

    static HistoryRow row(long id, long started) {
        return HistoryFileSinkTest.row(id, ZonedDateTime.ofInstant(Instant.ofEpochSecond(started),
                ZoneId.of("UTC")), "t");
    }

    @Test
    void keysArePendingUntilCommittedAndOnlyCommittedOnesSurviveARestart(@TempDir Path dir) {
        Path file = dir.resolve("seen");
        SeenPlays seen = new SeenPlays(new FileSeenStore(file));
        assertThat(seen.add("1")).isTrue();
        assertThat(seen.add("1")).as("pending counts as seen within the run").isFalse();
        assertThat(seen.add("2")).isTrue();
        seen.commit(List.of(row(1, 1000)));
        seen.stop();

        SeenPlays restarted = new SeenPlays(new FileSeenStore(file));
        assertThat(restarted.contains("1")).isTrue();
        assertThat(restarted.contains("2")).as("never written, so it must be read again").isFalse();
        assertThat(restarted.add("2")).isTrue();
    }

    @Test
    void anUnwritableDataFolderIsReportedAsAWriteFailure(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("data");
        Files.writeString(data, "a file where the data folder should be"); // fails as root too, unlike chmod
        assertThatThrownBy(() -> new FileSeenStore(data.resolve("history/seen-plays")))
                .hasMessageStartingWith("cannot write " + data.resolve("history/seen-plays"))
                .hasMessageNotContaining("cannot read");
    }

    @Test
    void removeReleasesAPendingKey(@TempDir Path dir) {
        SeenPlays seen = new SeenPlays(new FileSeenStore(dir.resolve("seen")));
        seen.add("9");
        seen.remove("9");
        assertThat(seen.add("9")).isTrue();
    }

    @Test
    void storeIsBoundedByPruningAndCompaction(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("seen");
        FileSeenStore store = new FileSeenStore(file);
        List<HistoryRow> rows = new ArrayList<>();
        for (int i = 1; i <= 5000; i++) {
            rows.add(row(i, i * 100L)); // started grows with the id
        }
        store.addAll(rows);
        store.pruneStartedBefore(4900 * 100L); // keep ids 4900..5000
        assertThat(store.size()).isEqualTo(101);
        store.close();
        assertThat(Files.readAllLines(file)).as("compacted on disk too").hasSize(101);
        FileSeenStore reloaded = new FileSeenStore(file);
        assertThat(reloaded.contains(4950)).isTrue();
        assertThat(reloaded.contains(10)).isFalse();
    }

    @Test
    void aLineTornByACrashIsIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("seen");
        Files.writeString(file, "1 100\n2 200\n3");
        FileSeenStore store = new FileSeenStore(file);
        assertThat(store.contains(1)).isTrue();
        assertThat(store.contains(2)).isTrue();
        assertThat(store.contains(3)).isFalse();
    }
}
