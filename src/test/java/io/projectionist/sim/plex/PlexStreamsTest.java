package io.projectionist.sim.plex;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Streams, HDR attributes and markers on the detail read, as python-plexapi and Tautulli parse them (§9). */
class PlexStreamsTest extends PlexSimSupport {

    JsonNode part(int rk, String query) {
        return meta(rk, query).path("Media").get(0).path("Part").get(0);
    }

    JsonNode meta(int rk, String query) {
        return PlexReadTest.json(get("/library/metadata/" + rk + query, true).body()).path("Metadata").get(0);
    }

    static List<JsonNode> streams(JsonNode part, int type) {
        List<JsonNode> out = new ArrayList<>();
        part.path("Stream").forEach(s -> {
            if (s.path("streamType").asInt() == type) {
                out.add(s);
            }
        });
        return out;
    }

    Item movie(String range) {
        return world.itemsOfType(MediaType.MOVIE).stream().filter(m -> m.media().dynamicRange().equals(range))
                .findFirst().orElseThrow();
    }

    /** Tautulli's rule (plex-search.md §9.3) on what the simulator sends. */
    static String tautulliRange(JsonNode v) {
        boolean hdr = v.path("bitDepth").asInt() > 8 && (v.path("colorTrc").asText().equals("smpte2084")
                || v.path("colorTrc").asText().equals("arib-std-b67"));
        boolean dv = !v.path("DOVIProfile").asText().isEmpty();
        if (!hdr && !dv) {
            return "SDR";
        }
        String t = v.path("extendedDisplayTitle").asText();
        List<String> out = new ArrayList<>();
        if (t.contains("Dolby Vision") || t.contains("DoVi")) {
            out.add("Dolby Vision");
        }
        if (t.contains("HLG")) {
            out.add("HLG");
        }
        if (t.contains("HDR10")) {
            out.add("HDR10");
        } else if (t.contains("HDR")) {
            out.add("HDR");
        }
        return out.isEmpty() ? "SDR" : String.join("/", out);
    }

    @Test
    void videoColourAttributesReadAsTheFilesDynamicRange() {
        for (String range : List.of("HDR10", "Dolby Vision", "SDR")) {
            Item m = movie(range);
            JsonNode v = streams(part(m.ratingKey(), ""), 1).get(0);
            assertThat(tautulliRange(v)).as(range).isEqualTo(range);
            assertThat(v.path("colorPrimaries").asText()).isEqualTo(range.equals("SDR") ? "bt709" : "bt2020");
            assertThat(v.path("colorSpace").asText()).isNotEmpty();
            assertThat(v.has("DOVIPresent")).isEqualTo(range.equals("Dolby Vision"));
        }
        JsonNode hdr10 = streams(part(movie("HDR10").ratingKey(), ""), 1).get(0);
        assertThat(hdr10.path("extendedDisplayTitle").asText()).startsWith("4K HDR10 (HEVC");
        assertThat(hdr10.path("bitDepth").asInt()).isEqualTo(10);
    }

    @Test
    void subtitlesSecondAudioAndIndexes() {
        List<Item> movies = world.itemsOfType(MediaType.MOVIE);
        Item twoAudio = movies.stream().filter(m -> m.ratingKey() % 3 == 0).findFirst().orElseThrow();
        JsonNode p = part(twoAudio.ratingKey(), "");
        assertThat(streams(p, 2)).hasSize(2);
        assertThat(streams(p, 2).get(1).path("languageCode").asText()).isEqualTo("ger");
        assertThat(streams(p, 2).get(1).has("selected")).isFalse();
        assertThat(streams(p, 3)).isNotEmpty();
        assertThat(streams(p, 3).get(0).path("codec").asText()).isEqualTo("srt");
        assertThat(p.path("indexes").asText()).isEqualTo("sd");
        Item external = movies.stream().filter(m -> m.ratingKey() % 4 == 0).findFirst().orElseThrow();
        JsonNode sidecar = streams(part(external.ratingKey(), ""), 3).stream().filter(s -> s.has("key"))
                .findFirst().orElseThrow();
        assertThat(sidecar.path("key").asText()).startsWith("/library/streams/");
        Item plain = movies.stream().filter(m -> m.ratingKey() % 3 == 1 && m.ratingKey() % 4 != 0
                && m.ratingKey() % 5 != 0).findFirst().orElseThrow();
        assertThat(streams(part(plain.ratingKey(), ""), 3)).isEmpty();
        assertThat(streams(part(plain.ratingKey(), ""), 2)).hasSize(1);
        // stream ids are unique within an item
        List<Integer> ids = new ArrayList<>();
        part(twoAudio.ratingKey(), "").path("Stream").forEach(s -> ids.add(s.path("id").asInt()));
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void markersOnlyWithIncludeMarkers() {
        Item ep = world.itemsOfType(MediaType.EPISODE).stream()
                .filter(e -> e.ratingKey() % 2 == 0 && e.durationMs() >= 600_000).findFirst().orElseThrow();
        JsonNode m = meta(ep.ratingKey(), "?includeMarkers=1&includeChapters=1");
        JsonNode markers = m.path("Marker");
        assertThat(markers).extracting(x -> x.path("type").asText()).containsExactly("intro", "credits");
        assertThat(markers.get(1).path("final").asBoolean()).isTrue();
        assertThat(markers.get(1).path("endTimeOffset").asLong()).isEqualTo(ep.durationMs());
        assertThat(markers.get(0).path("Attributes").get(0).path("version").asInt()).isEqualTo(5);
        assertThat(meta(ep.ratingKey(), "").has("Marker")).isFalse();
        String xml = get("/library/metadata/" + ep.ratingKey() + "?includeMarkers=1", false).body();
        assertThat(xml).contains("<Marker id=").contains("<Attributes id=");
    }
}
