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

/** Listing filters, sort orders and the {@code type} parameter, shared by the resources that list items. */
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

    /** title, year, unwatched, genre, label and collection filters; anything else is ignored. */
    Predicate<Item> items(Call c, ViewStats vs) {
        Query q = c.q();
        Predicate<Item> p = it -> true;
        String title = q.nonEmpty("title");
        if (title != null) {
            String t = title.toLowerCase(Locale.ROOT);
            p = p.and(it -> it.title().toLowerCase(Locale.ROOT).contains(t));
        }
        for (Query.Comparison cmp : q.compare("year")) {
            p = p.and(it -> cmp.test(it.year()));
        }
        Boolean unwatched = q.flag("unwatched");
        if (unwatched != null) {
            p = p.and(it -> unwatched == !watched(it, vs));
        }
        String genre = q.nonEmpty("genre");
        if (genre != null) {
            p = p.and(it -> matchesTag(it.genres(), "genre", genre));
        }
        String label = q.nonEmpty("label");
        if (label != null) {
            p = p.and(it -> matchesTag(it.labels(), "label", label));
        }
        String collection = q.nonEmpty("collection");
        if (collection != null) {
            Set<Integer> members = new LinkedHashSet<>();
            for (String k : collection.split(",")) {
                try {
                    state.collection(Integer.parseInt(k.trim())).ifPresent(ci -> members.addAll(ci.items()));
                } catch (NumberFormatException e) {
                    // not a collection id: matches nothing
                }
            }
            p = p.and(it -> members.contains(it.ratingKey()));
        }
        return p;
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

    private boolean matchesTag(List<String> names, String kind, String wanted) {
        for (String w : wanted.split(",")) {
            for (String name : names) {
                if (name.equalsIgnoreCase(w.trim()) || String.valueOf(render.tagId(kind, name)).equals(w.trim())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A playable item with a play; a show, season or album when every leaf has one. */
    boolean watched(Item it, ViewStats vs) {
        if (it.media() != null) {
            return vs.viewCount[it.ordinal()] > 0;
        }
        List<Item> leaves = render.leaves(it);
        return !leaves.isEmpty() && leaves.stream().allMatch(x -> vs.viewCount[x.ordinal()] > 0);
    }

    /** {@code sort=field[:desc][,…]} on items (only the first field counts); titleSort by default. */
    static Comparator<Item> itemOrder(String sort, ViewStats vs) {
        String field = "titleSort";
        boolean desc = false;
        if (sort != null) {
            String first = sort.split(",")[0];
            int colon = first.indexOf(':');
            field = colon < 0 ? first : first.substring(0, colon);
            desc = colon >= 0 && first.substring(colon + 1).equalsIgnoreCase("desc");
        }
        Comparator<Item> cmp = switch (field) {
            case "addedAt" -> Comparator.comparingLong(Item::addedAt);
            case "updatedAt" -> Comparator.comparingLong(Item::updatedAt);
            case "year" -> Comparator.comparingInt(Item::year);
            case "originallyAvailableAt" -> Comparator.comparing(
                    (Item i) -> i.originallyAvailableAt() == null ? "" : i.originallyAvailable());
            case "rating" -> Comparator.comparingDouble(Item::rating);
            case "audienceRating" -> Comparator.comparingDouble(Item::audienceRating);
            case "duration" -> Comparator.comparingLong(Item::durationMs);
            case "lastViewedAt" -> Comparator.comparingLong((Item i) -> vs.lastViewedAt[i.ordinal()]);
            case "viewCount" -> Comparator.comparingInt((Item i) -> vs.viewCount[i.ordinal()]);
            case "index" -> Comparator.comparingInt(Item::parentIndex).thenComparingInt(Item::index);
            case "title" -> Comparator.comparing((Item i) -> i.title().toLowerCase(Locale.ROOT));
            default -> Comparator.comparing((Item i) -> i.sortTitle().toLowerCase(Locale.ROOT));
        };
        if (desc) {
            cmp = cmp.reversed();
        }
        return cmp.thenComparingInt(Item::ratingKey);
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
