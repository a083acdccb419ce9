package io.projectionist.history;

import io.projectionist.tautulli.TautulliConstants;
import io.projectionist.tautulli.model.HistoryRow;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer's order of things: publish, then commit; and nothing lost when a write fails with a day open. */
class HistoryWriterTest {

    static final ZoneId ZONE = ZoneId.of("UTC");

    static Exchange page(List<EnrichedPlay> plays, boolean more) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getMessage().setHeader(TautulliConstants.HISTORY_MORE, more);
        e.setProperty("pageLastStarted", plays.get(plays.size() - 1).play().started());
        e.setProperty("newRows", plays.stream().map(EnrichedPlay::play).toList());
        return e;
    }

    @Test
    void idsOfAnOpenDayAreCommittedOnlyOnceItIsPublished(@TempDir Path dir) {
        SeenPlays seen = new SeenPlays(new FileSeenStore(dir.resolve("seen")));
        HistoryWriter writer = new HistoryWriter(new HistoryFileSink(dir.resolve("out"), ZONE, true), seen,
                new HistoryProgress(Duration.ofHours(1)), 1, ZONE);
        ZonedDateTime d1 = ZonedDateTime.of(2026, 3, 31, 12, 0, 0, 0, ZONE);
        List<EnrichedPlay> p1 = List.of(HistoryFileSinkTest.play(1, d1, "A"));
        assertThat(writer.write(p1, page(p1, true))).isEmpty();
        assertThat(seen.committedSize()).isZero();
        List<EnrichedPlay> p2 = List.of(HistoryFileSinkTest.play(2, d1.plusDays(1), "B"));
        assertThat(writer.write(p2, page(p2, false))).extracting(p -> p.play().id()).containsExactly(1L, 2L);
        assertThat(seen.committedSize()).isEqualTo(2);
    }

    @Test
    void aFailedWriteParksThePageWithThePlaysOfTheDayKeptOpen(@TempDir Path dir) throws Exception {
        SeenPlays seen = new SeenPlays(new FileSeenStore(dir.resolve("seen")));
        Path out = dir.resolve("out");
        HistoryWriter writer = new HistoryWriter(new HistoryFileSink(out, ZONE, true), seen,
                new HistoryProgress(Duration.ofHours(1)), 1, ZONE);
        ZonedDateTime d1 = ZonedDateTime.of(2026, 3, 31, 12, 0, 0, 0, ZONE);
        List<EnrichedPlay> p1 = List.of(HistoryFileSinkTest.play(1, d1, "A"));
        writer.write(p1, page(p1, true)); // 31 March stays open
        Files.createDirectories(out.resolve("2026"));
        Files.writeString(out.resolve("2026/04"), "a file where April's folder should be");
        List<EnrichedPlay> p2 = List.of(HistoryFileSinkTest.play(2, d1.plusDays(1), "B"));
        Exchange e2 = page(p2, true);
        assertThatThrownBy(() -> writer.write(p2, e2)).hasMessageContaining("cannot write history");
        // both the open day's play and the page's go to the dead letters; nothing was published or committed
        assertThat((List<HistoryRow>) e2.getProperty("newRows", List.class)).extracting(HistoryRow::id)
                .containsExactlyInAnyOrder(1L, 2L);
        assertThat(out.resolve("2026/03/31.jsonl")).doesNotExist();
        assertThat(out.resolve("2026/03/.31.jsonl.partial")).doesNotExist();
        assertThat(seen.committedSize()).isZero();
    }
}
