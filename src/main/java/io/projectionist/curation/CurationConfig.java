package io.projectionist.curation;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Objects;

/**
 * What {@code curation.yaml} asks for: curated collections (their source, sync mode, item order, hub visibility with
 * an optional season, position among the section's hubs) and per-section settings (hub order, unpinning idle
 * collections). Parsed and validated by {@link CurationConfigParser}; plain records.
 */
public record CurationConfig(List<CollectionSpec> collections, List<SectionSpec> sections) {

    public CurationConfig {
        collections = List.copyOf(collections);
        sections = List.copyOf(sections);
    }

    public static CurationConfig empty() {
        return new CurationConfig(List.of(), List.of());
    }

    public boolean isEmpty() {
        return collections.isEmpty() && sections.isEmpty();
    }

    /** Where a collection's items come from. */
    public enum SourceType {
        /** Tautulli {@code popular_*}: ranked by distinct users who watched (Kometa's {@code tautulli_popular}). */
        POPULAR("popular"),
        /** Tautulli {@code top_*}: ranked by plays (Kometa's {@code tautulli_watched}). */
        MOST_WATCHED("most-watched"),
        /** Plex: the section's newest items nobody (the owner's account) has watched yet. */
        RECENTLY_ADDED_UNWATCHED("recently-added-unwatched"),
        /** A fixed list of rating keys or titles, in that order. */
        FIXED("fixed");

        final String yaml;

        SourceType(String yaml) {
            this.yaml = yaml;
        }

        public String yaml() {
            return yaml;
        }
    }

    /** {@code sync}: add and remove until the collection is exactly the source; {@code append}: only add. */
    public enum SyncMode {
        SYNC, APPEND
    }

    /** Item order: the source's rank (custom sort, items moved), by title, or by release date (Plex sorts). */
    public enum ItemOrder {
        SOURCE(2), TITLE(1), RELEASE(0);

        /** Plex's collectionSort value. */
        final int collectionSort;

        ItemOrder(int collectionSort) {
            this.collectionSort = collectionSort;
        }

        public int collectionSort() {
            return collectionSort;
        }
    }

    /**
     * @param days    popular / most-watched: the last D days (Tautulli's time_range)
     * @param size    at most N items
     * @param minimum popular: at least this many distinct users; most-watched: at least this many plays
     * @param user    popular / most-watched: only this user's plays (user name, friendly name or user id); null = all
     * @param items   fixed: rating keys or titles ("Title" or "Title (Year)")
     */
    public record Source(SourceType type, int days, int size, int minimum, String user, List<String> items) {
        public Source {
            Objects.requireNonNull(type);
            items = items == null ? List.of() : List.copyOf(items);
        }

        public String describe() {
            return switch (type) {
                case POPULAR -> "most popular (distinct users) over " + days + " days, top " + size
                        + (minimum > 0 ? ", at least " + minimum + " users" : "") + (user == null ? "" : ", user " + user);
                case MOST_WATCHED -> "most watched (plays) over " + days + " days, top " + size
                        + (minimum > 0 ? ", at least " + minimum + " plays" : "") + (user == null ? "" : ", user " + user);
                case RECENTLY_ADDED_UNWATCHED -> "the " + size + " newest unwatched";
                case FIXED -> "a fixed list of " + items.size();
            };
        }
    }

    /** Hub flags: owner's Home, shared users' Home, the library's Recommended tab. */
    public record Flags(boolean home, boolean shared, boolean recommended) {
        public static final Flags NONE = new Flags(false, false, false);

        public boolean any() {
            return home || shared || recommended;
        }

        @Override
        public String toString() {
            return "home=" + (home ? "on" : "off") + " shared=" + (shared ? "on" : "off") + " recommended="
                    + (recommended ? "on" : "off");
        }
    }

    /** A yearly date range, inclusive at both ends; {@code 12-15..01-05} wraps over the new year. */
    public record Season(MonthDay from, MonthDay to) {
        public boolean contains(LocalDate date) {
            MonthDay d = MonthDay.from(date);
            return from.isAfter(to) ? !d.isBefore(from) || !d.isAfter(to) : !d.isBefore(from) && !d.isAfter(to);
        }

        @Override
        public String toString() {
            return String.format("%02d-%02d..%02d-%02d", from.getMonthValue(), from.getDayOfMonth(), to.getMonthValue(),
                    to.getDayOfMonth());
        }
    }

    /** @param season null = all year; outside it the hub is demoted (all three flags off) */
    public record Visibility(Flags flags, Season season) {
        public Flags on(LocalDate date) {
            return season == null || season.contains(date) ? flags : Flags.NONE;
        }
    }

    /**
     * @param section  library name or section id
     * @param position 1-based place among the section's hubs (1 = first), or null to leave the hub where it is
     * @param where    file:line of the entry, for messages
     */
    public record CollectionSpec(String section, String title, Source source, SyncMode sync, ItemOrder order,
            Visibility visibility, Integer position, String where) {
    }

    /**
     * @param hubOrder      hubs that come first, in this order: hub identifiers (movie.recentlyadded) or collection
     *                      titles; all other hubs follow in their current order
     * @param unpinIdleDays demote (all flags off) promoted collection hubs that are not curated here and whose items
     *                      had no plays in this many days; null = never
     */
    public record SectionSpec(String section, List<String> hubOrder, Integer unpinIdleDays, String where) {
        public SectionSpec {
            hubOrder = hubOrder == null ? List.of() : List.copyOf(hubOrder);
        }
    }
}
