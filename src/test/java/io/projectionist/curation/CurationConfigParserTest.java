package io.projectionist.curation;

import io.projectionist.curation.CurationConfig.CollectionSpec;
import io.projectionist.curation.CurationConfig.ItemOrder;
import io.projectionist.curation.CurationConfig.SourceType;
import io.projectionist.curation.CurationConfig.SyncMode;
import io.projectionist.ops.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CurationConfigParserTest {

    @Test
    void shippedFilesAreValid() {
        CurationConfig root = CurationConfigParser.load("curation.yaml");
        assertThat(root.collections()).extracting(CollectionSpec::title).contains("Trending this week");
        CurationConfig demo = CurationConfigParser.load("classpath:curation/demo-curation.yaml");
        assertThat(demo.collections()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(demo.sections()).isNotEmpty();
    }

    @Test
    void readsEveryKey() {
        CurationConfig c = CurationConfigParser.parse("""
                collections:
                  - title: Trending
                    section: Movies
                    source: { type: tautulli_watched, days: 7, size: 5, minimum: 2, user: alice }
                    sync: append
                    order: title
                    visibility: { home: yes, shared: false, recommended: true, dates: "12-15..01-05" }
                    position: 2
                  - title: Picks
                    section: "2"
                    source: { type: fixed, items: [ 123, "The Film (1999)" ] }
                sections:
                  - section: Movies
                    hub-order: [ movie.recentlyadded, Trending2 ]
                    unpin-idle-days: 30
                """, "t.yaml");
        CollectionSpec t = c.collections().get(0);
        assertThat(t.source().type()).isEqualTo(SourceType.MOST_WATCHED);
        assertThat(t.source().days()).isEqualTo(7);
        assertThat(t.source().size()).isEqualTo(5);
        assertThat(t.source().minimum()).isEqualTo(2);
        assertThat(t.source().user()).isEqualTo("alice");
        assertThat(t.sync()).isEqualTo(SyncMode.APPEND);
        assertThat(t.order()).isEqualTo(ItemOrder.TITLE);
        assertThat(t.position()).isEqualTo(2);
        assertThat(t.where()).isEqualTo("t.yaml:2");
        // a season over the new year
        assertThat(t.visibility().on(LocalDate.of(2024, 12, 20)).home()).isTrue();
        assertThat(t.visibility().on(LocalDate.of(2025, 1, 5)).recommended()).isTrue();
        assertThat(t.visibility().on(LocalDate.of(2025, 1, 6)).any()).isFalse();
        CollectionSpec p = c.collections().get(1);
        assertThat(p.source().items()).containsExactly("123", "The Film (1999)");
        assertThat(p.source().size()).isEqualTo(2);
        assertThat(p.sync()).isEqualTo(SyncMode.SYNC);
        assertThat(p.visibility().flags().any()).isFalse();
        assertThat(c.sections().get(0).unpinIdleDays()).isEqualTo(30);
    }

    @Test
    void mistakesNameFileLineAndKey() {
        assertThatThrownBy(() -> CurationConfigParser.parse("""
                collections:
                  - title: Trending
                    section: Movies
                    source:
                      type: popular
                      days: week
                    visibilty: { home: true }
                  - section: Movies
                    source: { type: fixed }
                    visibility: { home: maybe, dates: "13-01..12-31" }
                """, "curation.yaml"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("curation.yaml:6: collections[0].source.days must be a whole number of at least 1 and at most 3650, not 'week'")
                .hasMessageContaining("curation.yaml:7: collections[0]: unknown key 'visibilty'")
                .hasMessageContaining("curation.yaml:8: collections[1].title is missing")
                .hasMessageContaining("collections[1].source.items: a fixed source needs at least one")
                .hasMessageContaining("curation.yaml:10: collections[1].visibility.home must be true or false, not 'maybe'")
                .hasMessageContaining("collections[1].visibility.dates must be a yearly range MM-DD..MM-DD");
        assertThatThrownBy(() -> CurationConfigParser.parse("collections: [ {title: a, section: b, source: nope} ]",
                "c.yaml")).hasMessageContaining("c.yaml:1: collections[0].source must be popular, most-watched");
        assertThatThrownBy(() -> CurationConfigParser.parse("collections:\n  - title: [\n", "bad.yaml"))
                .hasMessageStartingWith("bad.yaml:").hasMessageContaining("not valid YAML");
        assertThat(CurationConfigParser.parse("", "empty.yaml").isEmpty()).isTrue();
    }
}
