package io.projectionist.sim.plex;

import io.projectionist.sim.plex.PlexState.CollectionInfo;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.Library;
import io.projectionist.sim.world.MediaType;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Sort orders, the watched rule and the {@code type} parameter, shared by the resources that list items; the item
 * filters themselves are {@link Search}.
 */
final class Filters {

    private final PlexState state;
    private final Render render;

    Filters(PlexState state, Render render) {
        this.state = state;
        this.render = render;
    }

    /** The type a section lists when no {@code type} is given. */
    static int defaultType(Library l) {
        return switch (l.type()) {
            case "movie" -> 1;
            case "show" -> 2;
            default -> 8;
        };
    }

    /** A {@code type} parameter: a Plex type number, a type name, or "collection" (18); -1 for anything else. */
    static int parseType(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            MediaType t = MediaType.fromWire(s.trim());
            if (t != null) {
                return t.plexType();
            }
            return "collection".equals(s.trim()) ? 18 : -1;
        }
    }

    /** title (substring, any case) and label filters on a collection listing. */
    static Predicate<CollectionInfo> collections(Call c) {
        Query q = c.q();
        Predicate<CollectionInfo> p = x -> true;
        String title = q.nonEmpty("title");
        if (title != null) {
            String t = title.toLowerCase(Locale.ROOT);
            p = p.and(x -> x.title().toLowerCase(Locale.ROOT).contains(t));
        }
        String label = q.nonEmpty("label");
        if (label != null) {
            p = p.and(x -> x.labels().contains(label));
        }
        return p;
    }

    /** A playable item with a play; a show, season or album when every leaf has one. */
    boolean watched(Item it, ViewStats vs) {
        if (it.media() != null) {
            return vs.viewCount[it.ordinal()] > 0;
        }
        List<Item> leaves = render.leaves(it);
        return !leaves.isEmpty() && leaves.stream().allMatch(x -> vs.viewCount[x.ordinal()] > 0);
    }

    /**
     * {@code sort=[libtype.]field[:asc|:desc|:nullsLast][,…]} on items, every key in turn (the libtype prefix
     * python-plexapi always sends is dropped); titleSort by default, the rating key last so the order is total.
     */
    Comparator<Item> itemOrder(String sort, ViewStats vs) {
        Comparator<Item> out = null;
        for (String part : (sort == null ? "titleSort" : sort).split(",")) {
            String s = part.trim();
            if (s.isEmpty()) {
                continue;
            }
            int colon = s.indexOf(':');
            String field = colon < 0 ? s : s.substring(0, colon);
            String dir = colon < 0 ? "" : s.substring(colon + 1);
            int dot = field.lastIndexOf('.');
            if (dot >= 0) {
                field = field.substring(dot + 1);
            }
            Comparator<Item> cmp = key(field, vs);
            if (dir.equalsIgnoreCase("desc")) {
                cmp = cmp.reversed();
            }
            out = out == null ? cmp : out.thenComparing(cmp);
        }
        if (out == null) {
            out = key("titleSort", vs);
        }
        return out.thenComparingInt(Item::ratingKey);
    }

    private Comparator<Item> key(String field, ViewStats vs) {
        return switch (field) {
            case "addedAt" -> Comparator.comparingLong(Item::addedAt);
            case "updatedAt" -> Comparator.comparingLong(Item::updatedAt);
            case "year" -> Comparator.comparingInt(Item::year);
            case "originallyAvailableAt" -> Comparator.comparing(
                    (Item i) -> i.originallyAvailableAt() == null ? "" : i.originallyAvailable());
            case "rating" -> Comparator.comparingDouble(Item::rating);
            case "audienceRating" -> Comparator.comparingDouble(Item::audienceRating);
            case "userRating" -> Comparator.comparingDouble((Item i) -> {
                Double r = state.userRatingOf(i);
                return r == null ? -1 : r;
            });
            case "duration" -> Comparator.comparingLong(Item::durationMs);
            case "lastViewedAt" -> Comparator.comparingLong((Item i) -> vs.lastViewedAt[i.ordinal()]);
            case "viewCount" -> Comparator.comparingInt((Item i) -> vs.viewCount[i.ordinal()]);
            case "index" -> Comparator.comparingInt(Item::parentIndex).thenComparingInt(Item::index);
            case "id" -> Comparator.comparingInt(Item::ratingKey);
            case "title" -> Comparator.comparing((Item i) -> state.titleOf(i).toLowerCase(Locale.ROOT));
            default -> Comparator.comparing((Item i) -> i.sortTitle().toLowerCase(Locale.ROOT));
        };
    }

    /** addedAt, updatedAt or (by default) titleSort on collections, each with :desc. */
    static Comparator<CollectionInfo> collectionOrder(String sort) {
        boolean desc = sort != null && sort.toLowerCase(Locale.ROOT).endsWith(":desc");
        Comparator<CollectionInfo> cmp;
        if (sort != null && sort.startsWith("addedAt")) {
            cmp = Comparator.comparingLong(CollectionInfo::addedAt);
        } else if (sort != null && sort.startsWith("updatedAt")) {
            cmp = Comparator.comparingLong(CollectionInfo::updatedAt);
        } else {
            cmp = Comparator.comparing((CollectionInfo x) -> x.titleSort().toLowerCase(Locale.ROOT));
        }
        if (desc) {
            cmp = cmp.reversed();
        }
        return cmp.thenComparingInt(CollectionInfo::ratingKey);
    }
}
