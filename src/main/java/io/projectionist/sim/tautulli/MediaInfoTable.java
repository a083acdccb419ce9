package io.projectionist.sim.tautulli;

import static io.projectionist.sim.tautulli.TautulliApi.map;

import io.projectionist.sim.world.History;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.Library;
import io.projectionist.sim.world.Media;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.World;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * get_library_media_info: Tautulli's datatables envelope over a section's top-level items (or the children of
 * {@code rating_key}). Plex-derived values are strings; play counts come from the history (null when never
 * played). No capture exists for this command; the shape follows the v2.17.2 source.
 */
final class MediaInfoTable {

    private final World world;
    private final Clock clock;

    MediaInfoTable(World world, Clock clock) {
        this.world = world;
        this.clock = clock;
    }

    Object query(Args a) {
        Integer sectionId = a.intOrNull("section_id");
        Integer ratingKey = a.intOrNull("rating_key");
        if (sectionId == null && ratingKey == null) {
            throw new ApiErrors.NoResult("section_id or rating_key required");
        }
        int start = a.intArg("start", 0);
        int length = a.intArg("length", 25);
        String orderColumn = a.str("order_column", "sort_title");
        boolean desc = "desc".equalsIgnoreCase(a.str("order_dir", "asc"));
        String search = a.str("search");

        List<Item> rows = new ArrayList<>();
        if (ratingKey != null) {
            rows.addAll(world.children(ratingKey));
        } else {
            Library lib = world.library(sectionId).orElse(null);
            if (lib != null) {
                MediaType top = switch (lib.type()) {
                    case "movie" -> MediaType.MOVIE;
                    case "show" -> MediaType.SHOW;
                    default -> MediaType.ARTIST;
                };
                for (Item it : world.items()) {
                    if (it.type() == top && it.sectionId() == sectionId) {
                        rows.add(it);
                    }
                }
            }
        }
        int recordsTotal = rows.size();
        long totalSize = 0;
        for (Item it : rows) {
            totalSize += fileSize(it);
        }
        if (search != null) {
            String needle = search.toLowerCase(Locale.ROOT);
            rows.removeIf(it -> !it.title().toLowerCase(Locale.ROOT).contains(needle));
        }
        // plays per item, counting children's plays for shows, seasons, artists and albums
        History h = world.history();
        int[] plays = new int[world.items().size()];
        long[] last = new long[world.items().size()];
        for (int i = 0; i < h.size(); i++) {
            Item it = h.item(i);
            long s = h.started(i);
            for (int key : new int[] {it.ratingKey(), it.parentRatingKey(), it.grandparentRatingKey()}) {
                if (key != 0) {
                    int ord = world.item(key).get().ordinal();
                    plays[ord]++;
                    last[ord] = Math.max(last[ord], s);
                }
            }
        }
        Comparator<Item> cmp = switch (orderColumn) {
            case "added_at" -> Comparator.comparingLong(Item::addedAt);
            case "year" -> Comparator.comparingInt(Item::year);
            case "title" -> Comparator.comparing(Item::title);
            case "file_size" -> Comparator.comparingLong(this::fileSize);
            case "bitrate" -> Comparator.comparingInt(it -> it.media() == null ? 0 : it.media().bitrate());
            case "play_count" -> Comparator.comparingInt(it -> plays[it.ordinal()]);
            case "last_played" -> Comparator.comparingLong(it -> last[it.ordinal()]);
            case "media_index" -> Comparator.comparingInt(Item::index);
            default -> Comparator.comparing(Item::sortTitle);
        };
        rows.sort(desc ? cmp.reversed() : cmp);
        int filtered = rows.size();
        long filteredSize = 0;
        for (Item it : rows) {
            filteredSize += fileSize(it);
        }
        int[] b = HistoryQuery.pySlice(filtered, start, length < 0 ? filtered : start + length);
        List<Object> data = new ArrayList<>();
        for (Item it : rows.subList(b[0], b[1])) {
            data.add(row(it, plays[it.ordinal()], last[it.ordinal()]));
        }
        // the media info cache was built with the world; refresh=true rebuilds it now
        long refreshed = "true".equalsIgnoreCase(a.str("refresh")) ? clock.instant().getEpochSecond()
                : world.anchor().getEpochSecond();
        return map("recordsFiltered", filtered, "recordsTotal", recordsTotal, "data", data, "draw", 1,
                "last_refreshed", refreshed, "filtered_file_size", filteredSize, "total_file_size", totalSize);
    }

    private long fileSize(Item it) {
        if (it.media() != null) {
            return it.media().fileSize();
        }
        long sum = 0;
        for (Item c : world.children(it.ratingKey())) {
            sum += fileSize(c);
        }
        return sum;
    }

    private Map<String, Object> row(Item it, int plays, long lastPlayed) {
        Media m = it.media();
        Library lib = world.library(it.sectionId()).orElseThrow();
        return map("section_id", it.sectionId(), "section_type", lib.type(), "added_at",
                String.valueOf(it.addedAt()), "media_type", it.type().wire(), "rating_key",
                String.valueOf(it.ratingKey()), "parent_rating_key",
                it.parentRatingKey() == 0 ? "" : String.valueOf(it.parentRatingKey()), "grandparent_rating_key",
                it.grandparentRatingKey() == 0 ? "" : String.valueOf(it.grandparentRatingKey()), "title",
                it.title(), "sort_title", it.sortTitle(), "year", it.year() == 0 ? "" : String.valueOf(it.year()),
                "media_index", it.type() == MediaType.MOVIE ? "" : String.valueOf(it.index()),
                "parent_media_index", it.parentIndex() == 0 ? "" : String.valueOf(it.parentIndex()), "thumb",
                it.thumb(), "container", m == null ? "" : m.container(), "bitrate",
                m == null ? "" : String.valueOf(m.bitrate()), "video_codec", m == null ? "" : m.videoCodec(),
                "video_resolution", m == null ? "" : m.videoResolution(), "video_framerate",
                m == null ? "" : m.videoFrameRate(), "audio_codec", m == null ? "" : m.audioCodec(),
                "audio_channels", m == null ? "" : String.valueOf(m.audioChannels()), "file_size",
                // a playable item copies Plex's Part size attribute (a string); parents hold the summed int
                m != null ? String.valueOf(m.fileSize()) : (Object) fileSize(it), "last_played", plays == 0 ? null : lastPlayed, "play_count",
                plays == 0 ? null : plays);
    }
}
