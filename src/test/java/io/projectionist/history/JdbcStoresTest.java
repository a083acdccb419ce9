package io.projectionist.history;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The PostgreSQL switch: two instances share what has been ingested and how far they have read. */
class JdbcStoresTest {

    static EmbeddedPostgres pg;
    static DataSource ds;

    @BeforeAll
    static void startPostgres() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        ds = pg.getPostgresDatabase();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        pg.close();
    }

    @Test
    void twoInstancesShareCommittedIdsButNotPendingOnes() {
        SeenPlays a = new SeenPlays(new JdbcSeenStore(ds, "history-share", Duration.ofDays(7)));
        SeenPlays b = new SeenPlays(new JdbcSeenStore(ds, "history-share", Duration.ofDays(7)));
        assertThat(a.add("100")).isTrue();
        assertThat(b.add("100")).as("pending in a is not yet ingested").isTrue();
        a.commit(List.of(SeenPlaysTest.row(100, 1000)));
        assertThat(b.contains("100")).isTrue();
        assertThat(b.add("100")).isFalse();
        assertThat(a.committedSize()).isEqualTo(1);
    }

    @Test
    void retentionPrunesOldEntries() throws Exception {
        SeenPlays seen = new SeenPlays(new JdbcSeenStore(ds, "history-prune", Duration.ZERO));
        seen.commit(List.of(SeenPlaysTest.row(1, 1), SeenPlaysTest.row(2, 2)));
        Thread.sleep(20);
        seen.pruneStartedBefore(0);
        assertThat(seen.committedSize()).isZero();
    }

    @Test
    void watermarkIsSharedAndNeverMovesBack() {
        JdbcHistoryWatermark a = new JdbcHistoryWatermark(ds, "wm");
        JdbcHistoryWatermark b = new JdbcHistoryWatermark(ds, "wm");
        assertThat(a.lastFullyRead()).isEmpty();
        a.advance(LocalDate.of(2026, 11, 10));
        b.advance(LocalDate.of(2026, 11, 8)); // a slower instance
        assertThat(b.lastFullyRead()).contains(LocalDate.of(2026, 11, 10));
    }
}
