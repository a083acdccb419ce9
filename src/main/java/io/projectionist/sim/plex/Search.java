package io.projectionist.sim.plex;

import io.projectionist.sim.world.CastMember;
import io.projectionist.sim.plex.Wire.Node;
import io.projectionist.sim.world.Item;
import io.projectionist.sim.world.Library;
import io.projectionist.sim.world.MediaType;
import io.projectionist.sim.world.World;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A section's search grammar (plex-search.md §2-3): the fields and sorts each item type has, which {@code <Meta>}
 * advertises, and the evaluation of a listing's filters over them: {@code [libtype.]field[op]=v1,v2} with the
 * operators of the field's type, repeated parameters ANDed, {@code push/and/or/pop} grouping. A field of another
 * level reads through the item's parents or children ({@code episode.unwatched=1} on shows: shows with an unwatched
 * episode). Parameters that name no field of the listed levels are ignored, as before.
 */
final class Search {

    /** A FieldType: the operators clients may combine with a field of this type (§2.3). */
    enum Kind {
        TAG("tag", "=", "is", "!=", "is not"),
        INTEGER("integer", "=", "is", "!=", "is not", ">>=", "is greater than", "<<=", "is less than"),
        STRING("string", "=", "contains", "!=", "does not contain", "==", "is", "!==", "is not", "<=", "begins with",
                ">=", "ends with"),
        BOOLEAN("boolean", "=", "is true", "!=", "is false"),
        DATE("date", "<<=", "is before", ">>=", "is after"),
        RESOLUTION("resolution", "=", "is");

        final String wire;
        /** key, title, key, title, … */
        final String[] operators;

        Kind(String wire, String... operators) {
            this.wire = wire;
            this.operators = operators;
        }
    }

    /** The value a field reads from an item for the asking account. */
    @FunctionalInterface
    interface Reader {
        Object read(Item it, ViewStats vs);
    }

    /** One field; {@code types} are the levels that have it. */
    record Field(String name, String title, Kind kind, String subType, Set<MediaType> types, Reader reader) {
    }

    /** One sort key with its default direction. */
    record Sort(String key, String title, String defaultDirection, Set<MediaType> types) {
    }

    /** A tag as filters match it: by choice key (the id) or by name. */
    record Tag(String id, String name) {
    }

    private static final Set<MediaType> ALL = EnumSet.allOf(MediaType.class);
    private static final Set<MediaType> VIDEO_LEAVES = EnumSet.of(MediaType.MOVIE, MediaType.EPISODE);
    private static final Set<MediaType> PLAYABLE = EnumSet.of(MediaType.MOVIE, MediaType.EPISODE, MediaType.TRACK);
    private static final Pattern KEY = Pattern.compile("^(?:([a-z]+)\\.)?([a-zA-Z]+)([!<>=&]*)$");

    private final World world;
    private final PlexState state;
    private final Render render;
    private final Filters filters;
    private final List<Field> fields;
    private final List<Sort> sorts;

    Search(World world, PlexState state, Render render, Filters filters) {
        this.world = world;
        this.state = state;
        this.render = render;
        this.filters = filters;
        this.fields = buildFields();
        this.sorts = buildSorts();
    }

    private List<Field> buildFields() {
        Set<MediaType> notArtist = EnumSet.complementOf(EnumSet.of(MediaType.ARTIST));
        Set<MediaType> dated = EnumSet.of(MediaType.MOVIE, MediaType.SHOW, MediaType.EPISODE);
        Set<MediaType> genred = EnumSet.of(MediaType.MOVIE, MediaType.SHOW, MediaType.ARTIST, MediaType.ALBUM);
        List<Field> f = new ArrayList<>();
        f.add(new Field("title", "Title", Kind.STRING, null, ALL, (it, vs) -> state.titleOf(it)));
        f.add(new Field("studio", "Studio", Kind.STRING, null, EnumSet.of(MediaType.MOVIE, MediaType.SHOW),
                (it, vs) -> it.studio()));
        f.add(new Field("year", "Year", Kind.INTEGER, null, notArtist, (it, vs) -> it.year() > 0 ? it.year() : null));
        f.add(new Field("decade", "Decade", Kind.INTEGER, "decade", notArtist,
                (it, vs) -> it.year() > 0 ? it.year() / 10 * 10 : null));
        f.add(new Field("genre", "Genre", Kind.TAG, null, genred, (it, vs) -> tags("genre", it.genres())));
        f.add(new Field("contentRating", "Content Rating", Kind.TAG, null, dated,
                (it, vs) -> it.contentRating().isEmpty() ? List.of()
                        : List.of(new Tag(it.contentRating(), it.contentRating()))));
        f.add(new Field("director", "Director", Kind.TAG, null, VIDEO_LEAVES,
                (it, vs) -> tags("director", it.directors())));
        f.add(new Field("actor", "Actor", Kind.TAG, null, EnumSet.of(MediaType.MOVIE, MediaType.SHOW),
                (it, vs) -> tags("actor", it.cast().stream().map(CastMember::name).toList())));
        f.add(new Field("label", "Labels", Kind.TAG, null, ALL, (it, vs) -> tags("label", state.labelsOf(it))));
        f.add(new Field("collection", "Collection", Kind.TAG, null, ALL, (it, vs) -> collectionTags(it)));
        f.add(new Field("unwatched", "Unplayed", Kind.BOOLEAN, null, notArtist,
                (it, vs) -> !filters.watched(it, vs)));
        f.add(new Field("inProgress", "In Progress", Kind.BOOLEAN, null, PLAYABLE,
                (it, vs) -> vs.viewOffset[it.ordinal()] > 0));
        f.add(new Field("resolution", "Resolution", Kind.RESOLUTION, null, VIDEO_LEAVES,
                (it, vs) -> it.media() == null ? null : it.media().videoResolution()));
        f.add(new Field("addedAt", "Date Added", Kind.DATE, null, ALL, (it, vs) -> it.addedAt()));
        f.add(new Field("updatedAt", "Date Updated", Kind.DATE, null, ALL, (it, vs) -> it.updatedAt()));
        f.add(new Field("originallyAvailableAt", "Release Date", Kind.DATE, null, dated,
                (it, vs) -> it.originallyAvailableAt() == null ? null
                        : it.originallyAvailableAt().atStartOfDay(world.zone()).toEpochSecond()));
        f.add(new Field("lastViewedAt", "Last Played", Kind.DATE, null, ALL, (it, vs) -> lastViewed(it, vs)));
        f.add(new Field("viewCount", "Plays", Kind.INTEGER, null, PLAYABLE, (it, vs) -> vs.viewCount[it.ordinal()]));
        f.add(new Field("viewOffset", "View Offset", Kind.INTEGER, null, PLAYABLE,
                (it, vs) -> vs.viewOffset[it.ordinal()]));
        f.add(new Field("duration", "Duration", Kind.INTEGER, null, PLAYABLE, (it, vs) -> it.durationMs()));
        f.add(new Field("rating", "Critic Rating", Kind.INTEGER, null, dated,
                (it, vs) -> it.rating() > 0 ? it.rating() : null));
        f.add(new Field("audienceRating", "Audience Rating", Kind.INTEGER, null, dated,
                (it, vs) -> it.audienceRating() > 0 ? it.audienceRating() : null));
        f.add(new Field("userRating", "User Rating", Kind.INTEGER, null, ALL, (it, vs) -> state.userRatingOf(it)));
        f.add(new Field("index", "Number", Kind.INTEGER, null,
                EnumSet.of(MediaType.SEASON, MediaType.EPISODE, MediaType.ALBUM, MediaType.TRACK),
                (it, vs) -> it.index()));
        f.add(new Field("id", "Rating Key", Kind.INTEGER, null, ALL, (it, vs) -> it.ratingKey()));
        return List.copyOf(f);
    }

    private static List<Sort> buildSorts() {
        Set<MediaType> notArtist = EnumSet.complementOf(EnumSet.of(MediaType.ARTIST));
        Set<MediaType> dated = EnumSet.of(MediaType.MOVIE, MediaType.SHOW, MediaType.EPISODE);
        Set<MediaType> numbered = EnumSet.of(MediaType.SEASON, MediaType.EPISODE, MediaType.ALBUM, MediaType.TRACK);
        return List.of(new Sort("titleSort", "Title", "asc", ALL),
                new Sort("addedAt", "Date Added", "desc", ALL),
                new Sort("year", "Year", "desc", notArtist),
                new Sort("originallyAvailableAt", "Release Date", "desc", dated),
                new Sort("rating", "Critic Rating", "desc", dated),
                new Sort("audienceRating", "Audience Rating", "desc", dated),
                new Sort("userRating", "Rating", "desc", ALL),
                new Sort("duration", "Duration", "desc", PLAYABLE),
                new Sort("lastViewedAt", "Last Played", "desc", ALL),
                new Sort("viewCount", "Plays", "desc", PLAYABLE),
                new Sort("index", "Number", "asc", numbered),
                new Sort("updatedAt", "Date Updated", "asc", ALL),
                new Sort("id", "Rating Key", "asc", ALL));
    }

    List<Field> fields(MediaType t) {
        return fields.stream().filter(f -> f.types().contains(t)).toList();
    }

    List<Sort> sorts(MediaType t) {
        return sorts.stream().filter(s -> s.types().contains(t)).toList();
    }

    Field field(MediaType t, String name) {
        for (Field f : fields) {
            if (f.name().equals(name) && f.types().contains(t)) {
                return f;
            }
        }
        return null;
    }

    private List<Tag> tags(String kind, List<String> names) {
        List<Tag> out = new ArrayList<>(names.size());
        for (String n : names) {
            out.add(new Tag(String.valueOf(render.tagId(kind, n)), n));
        }
        return out;
    }

    private List<Tag> collectionTags(Item it) {
        List<Tag> out = new ArrayList<>();
        for (PlexState.CollectionInfo c : state.collectionsOf(it.ratingKey())) {
            out.add(new Tag(String.valueOf(c.ratingKey()), c.title()));
        }
        return out;
    }

    private Long lastViewed(Item it, ViewStats vs) {
        long last = 0;
        for (Item leaf : render.leaves(it)) {
            last = Math.max(last, vs.lastViewedAt[leaf.ordinal()]);
        }
        return last > 0 ? last : null;
    }

    // ---- <Meta> and filter choices ------------------------------------------------------------------------------

    /** The levels a section lists: movie; show, season, episode; artist, album, track. */
    static List<MediaType> levels(Library l) {
        return switch (l.type()) {
            case "movie" -> List.of(MediaType.MOVIE);
            case "show" -> List.of(MediaType.SHOW, MediaType.SEASON, MediaType.EPISODE);
            default -> List.of(MediaType.ARTIST, MediaType.ALBUM, MediaType.TRACK);
        };
    }

    private static String typeTitle(MediaType t) {
        return switch (t) {
            case MOVIE -> "Movies";
            case SHOW -> "TV Shows";
            case SEASON -> "Seasons";
            case EPISODE -> "Episodes";
            case ARTIST -> "Artists";
            case ALBUM -> "Albums";
            case TRACK -> "Tracks";
        };
    }

    /** Fields that have a choice list ({@code <Filter>}): tags, resolution, year and decade. */
    private static boolean hasChoices(Field f) {
        return f.kind() == Kind.TAG || f.kind() == Kind.RESOLUTION || f.name().equals("year")
                || f.name().equals("decade");
    }

    /**
     * {@code <Meta>} of a section listing ({@code includeMeta=1}): one {@code <Type>} per level with its filters,
     * sorts and fields (bare keys for movies, libtype-prefixed for the rest, as Plex writes them), then the
     * operators of every field type. {@code collections} describes the collections listing instead.
     */
    Node meta(Library l, boolean collections, int activeType) {
        Node meta = Node.single("Meta");
        String base = "/library/sections/" + l.sectionId();
        if (collections) {
            Node t = Node.of("Type").attr("key", base + "/collections").attr("type", "collection")
                    .attr("title", "Collections").attr("active", Boolean.TRUE);
            t.add(Node.of("Sort").attr("default", "asc").attr("defaultDirection", "asc")
                    .attr("descKey", "titleSort:desc").attr("key", "titleSort").attr("title", "Title"));
            t.add(Node.of("Sort").attr("defaultDirection", "desc").attr("descKey", "addedAt:desc")
                    .attr("key", "addedAt").attr("title", "Date Added"));
            t.add(Node.of("Field").attr("key", "collection.title").attr("title", "Title").attr("type", "string"));
            t.add(Node.of("Field").attr("key", "collection.label").attr("title", "Labels").attr("type", "tag"));
            meta.add(t);
        } else {
            for (MediaType level : levels(l)) {
                int n = level.plexType();
                String prefix = level == MediaType.MOVIE ? "" : level.wire() + ".";
                Node t = Node.of("Type").attr("key", base + "/all?type=" + n).attr("type", level.wire())
                        .attr("title", typeTitle(level)).attr("active", n == activeType);
                for (Field f : fields(level)) {
                    if (hasChoices(f)) {
                        t.add(Node.of("Filter").attr("filter", f.name()).attr("filterType", "string")
                                .attr("key", base + "/" + f.name() + "?type=" + n).attr("title", f.title())
                                .attr("type", "filter"));
                    }
                }
                for (Sort s : sorts(level)) {
                    Node sn = Node.of("Sort");
                    if (s.key().equals("titleSort")) {
                        sn.attr("default", "asc");
                    }
                    sn.attr("defaultDirection", s.defaultDirection()).attr("descKey", s.key() + ":desc");
                    if (s.key().equals("titleSort")) {
                        sn.attr("firstCharacterKey", base + "/firstCharacter");
                    }
                    t.add(sn.attr("key", s.key()).attr("title", s.title()));
                }
                for (Field f : fields(level)) {
                    t.add(Node.of("Field").attr("key", prefix + f.name()).attr("title", f.title())
                            .attr("type", f.kind().wire).attr("subType", f.subType()));
                }
                meta.add(t);
            }
        }
        for (Kind k : Kind.values()) {
            Node ft = Node.of("FieldType").attr("type", k.wire);
            for (int i = 0; i < k.operators.length; i += 2) {
                ft.add(Node.of("Operator").attr("key", k.operators[i]).attr("title", k.operators[i + 1]));
            }
            meta.add(ft);
        }
        return meta;
    }

    /**
     * {@code GET /library/sections/{id}/{field}?type=N}: the values the field takes in the section, each a
     * {@code <Directory key title fastKey>} whose key is what a filter sends; null when the section's levels have no
     * such list.
     */
    Node choices(Library l, String name, int type) {
        MediaType level = PlexState.typeOf(type);
        if (level == null || !levels(l).contains(level)) {
            return null;
        }
        Field f = field(level, name);
        if (f == null || !hasChoices(f)) {
            return null;
        }
        ViewStats vs = null; // the fields with choices read no view state
        TreeMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        TreeSet<Integer> numbers = new TreeSet<>(Comparator.reverseOrder());
        for (Item it : world.items()) {
            if (it.sectionId() != l.sectionId() || it.type() != level) {
                continue;
            }
            Object v = f.reader().read(it, vs);
            if (v instanceof List<?> tags) {
                for (Object o : tags) {
                    Tag t = (Tag) o;
                    byName.putIfAbsent(t.name(), t.id());
                }
            } else if (v instanceof String r) {
                byName.putIfAbsent(resolution(r), resolution(r));
            } else if (v instanceof Number num) {
                numbers.add(num.intValue());
            }
        }
        String base = "/library/sections/" + l.sectionId();
        Node n = Node.container().attr("size", byName.size() + numbers.size()).attr("allowSync", Boolean.FALSE)
                .attr("content", "secondary").attr("identifier", "com.plexapp.plugins.library")
                .attr("mediaTagPrefix", Render.MEDIA_TAG_PREFIX).attr("mediaTagVersion", Render.MEDIA_TAG_VERSION)
                .attr("title1", l.name()).attr("title2", f.title()).attr("viewGroup", "secondary");
        for (Map.Entry<String, String> e : byName.entrySet()) {
            n.add(Node.of("Directory").attr("fastKey", base + "/all?type=" + type + "&" + f.name() + "=" + e.getValue())
                    .attr("key", e.getValue()).attr("title", e.getKey()).attr("type", f.name()));
        }
        for (int v : numbers) {
            n.add(Node.of("Directory").attr("fastKey", base + "/all?type=" + type + "&" + f.name() + "=" + v)
                    .attr("key", String.valueOf(v)).attr("title", String.valueOf(v)).attr("type", f.name()));
        }
        return n;
    }

    // ---- evaluation ---------------------------------------------------------------------------------------------

    /** The filter predicate of a listing of {@code listed} items: every filter parameter, grouped as sent. */
    Predicate<Item> predicate(Query q, MediaType listed, ViewStats vs) {
        List<Object> tokens = new ArrayList<>();
        for (Map.Entry<String, String> e : q.pairs()) {
            String k = e.getKey();
            switch (k) {
                case "push", "pop", "and", "or" -> tokens.add(k);
                default -> {
                    Predicate<Item> p = condition(k, e.getValue(), listed, vs);
                    if (p != null) {
                        tokens.add(p);
                    }
                }
            }
        }
        int[] at = {0};
        Predicate<Item> p = or(tokens, at);
        return p == null ? it -> true : p;
    }

    // expr := and ("or" and)* ; and := term ("and"? term)* ; term := "push" expr "pop" | condition
    private static Predicate<Item> or(List<Object> t, int[] at) {
        Predicate<Item> left = and(t, at);
        while (at[0] < t.size() && "or".equals(t.get(at[0]))) {
            at[0]++;
            Predicate<Item> right = and(t, at);
            left = left == null ? right : right == null ? left : left.or(right);
        }
        return left;
    }

    @SuppressWarnings("unchecked")
    private static Predicate<Item> and(List<Object> t, int[] at) {
        Predicate<Item> left = null;
        while (at[0] < t.size()) {
            Object tok = t.get(at[0]);
            if ("and".equals(tok)) {
                at[0]++;
                continue;
            }
            Predicate<Item> term;
            if ("push".equals(tok)) {
                at[0]++;
                term = or(t, at);
                if (at[0] < t.size() && "pop".equals(t.get(at[0]))) {
                    at[0]++;
                }
            } else if (tok instanceof Predicate<?> p) {
                at[0]++;
                term = (Predicate<Item>) p;
            } else {
                break; // "or" or "pop": the caller's
            }
            if (term != null) {
                left = left == null ? term : left.and(term);
            }
        }
        return left;
    }

    /** One {@code key=value} as a condition on listed items, or null when it names no field (ignored). */
    Predicate<Item> condition(String key, String value, MediaType listed, ViewStats vs) {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) {
            return null;
        }
        MediaType level = listed;
        if (m.group(1) != null) {
            level = MediaType.fromWire(m.group(1));
            if (level == null) {
                return null;
            }
        }
        Field f = field(level, m.group(2));
        if (f == null) {
            return null;
        }
        String op = m.group(3);
        List<String> values = List.of(value.split(",", -1));
        Predicate<Object> test = test(f.kind(), op, values);
        if (test == null) {
            return null;
        }
        MediaType target = level;
        return it -> {
            for (Item x : related(it, target)) {
                if (test.test(f.reader().read(x, vs))) {
                    return true;
                }
            }
            return false;
        };
    }

    /** The items of level {@code t} that stand for {@code it}: itself, its ancestor, or its descendants. */
    private List<Item> related(Item it, MediaType t) {
        if (it.type() == t) {
            return List.of(it);
        }
        for (int rk : new int[] {it.parentRatingKey(), it.grandparentRatingKey()}) {
            if (rk != 0) {
                Item a = world.item(rk).orElse(null);
                if (a != null && a.type() == t) {
                    return List.of(a);
                }
            }
        }
        List<Item> out = new ArrayList<>();
        for (Item c : world.children(it.ratingKey())) {
            out.addAll(related(c, t));
        }
        return out;
    }

    /** The test of one operator of a field type on a read value; null for an operator the type has not. */
    private Predicate<Object> test(Kind kind, String op, List<String> values) {
        return switch (kind) {
            case TAG -> switch (op) {
                case "", "=" -> v -> tagMatch(v, values);
                case "!", "!=" -> v -> !tagMatch(v, values);
                default -> null;
            };
            case RESOLUTION -> op.isEmpty() || op.equals("=") ? v -> v != null
                    && values.stream().anyMatch(w -> resolution((String) v).equalsIgnoreCase(w.trim())) : null;
            case BOOLEAN -> switch (op) {
                case "", "=" -> v -> Boolean.valueOf(truthy(values.get(0))).equals(v);
                case "!", "!=" -> v -> !Boolean.valueOf(truthy(values.get(0))).equals(v);
                default -> null;
            };
            case STRING -> stringTest(op, values);
            case INTEGER, DATE -> numberTest(kind, op, values);
        };
    }

    private static boolean truthy(String v) {
        return v.trim().equals("1") || v.trim().equalsIgnoreCase("true");
    }

    /** Plex lists resolutions as 4k, 1080, 720, 480 and sd (anything below 480 reads as sd). */
    static String resolution(String videoResolution) {
        return switch (videoResolution) {
            case "4k", "1080", "720", "480" -> videoResolution;
            default -> "sd";
        };
    }

    @SuppressWarnings("unchecked")
    private static boolean tagMatch(Object v, List<String> wanted) {
        for (Tag t : (List<Tag>) v) {
            for (String w : wanted) {
                String s = w.trim();
                if (t.id().equals(s) || t.name().equalsIgnoreCase(s) || t.name().equalsIgnoreCase(plusAsSpace(s))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** python-plexapi encodes filter values with quote_plus; the query keeps '+' (see Query), so both are tried. */
    private static String plusAsSpace(String s) {
        return s.replace('+', ' ');
    }

    private static Predicate<Object> stringTest(String op, List<String> values) {
        BiFunction<String, String, Boolean> cmp = switch (op) {
            case "", "!" -> String::contains;
            case "=", "==", "!=", "!==" -> String::equals;
            case "<" -> String::startsWith;
            case ">" -> String::endsWith;
            default -> null;
        };
        if (cmp == null) {
            return null;
        }
        boolean negate = op.startsWith("!");
        return v -> {
            String s = v == null ? "" : ((String) v).toLowerCase(Locale.ROOT);
            boolean any = false;
            for (String w : values) {
                String a = w.toLowerCase(Locale.ROOT);
                if (cmp.apply(s, a) || cmp.apply(s, plusAsSpace(a))) {
                    any = true;
                    break;
                }
            }
            return negate != any;
        };
    }

    private Predicate<Object> numberTest(Kind kind, String op, List<String> values) {
        String cmp = switch (op) {
            case "", "=" -> "=";
            case "!", "!=" -> "!=";
            case ">>", ">>=" -> ">";
            case "<<", "<<=" -> "<";
            case ">", ">=" -> ">=";
            case "<", "<=" -> "<=";
            default -> null;
        };
        if (cmp == null) {
            return null;
        }
        List<Double> wanted = new ArrayList<>();
        for (String w : values) {
            Double d = kind == Kind.DATE ? date(w) : number(w);
            if (d != null) {
                wanted.add(d);
            }
        }
        if (wanted.isEmpty()) {
            return null; // a value Plex cannot read: the filter is ignored
        }
        return v -> {
            if (v == null) {
                return cmp.equals("!=");
            }
            double a = ((Number) v).doubleValue();
            boolean any = false;
            for (double w : wanted) {
                any |= switch (cmp) {
                    case ">" -> a > w;
                    case "<" -> a < w;
                    case ">=" -> a >= w;
                    case "<=" -> a <= w;
                    default -> a == w;
                };
            }
            return cmp.equals("!=") != any;
        };
    }

    private static Double number(String s) {
        try {
            return Double.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final Pattern RELATIVE = Pattern.compile("^(-?)(\\d+)(mon|s|m|h|d|w|y)$");

    /** Epoch seconds, or a relative date ({@code -30d}: 30 days ago; units s m h d w mon y). */
    private Double date(String s) {
        Matcher m = RELATIVE.matcher(s.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(2));
            long unit = switch (m.group(3)) {
                case "s" -> 1;
                case "m" -> 60;
                case "h" -> 3600;
                case "d" -> 86_400;
                case "w" -> 7 * 86_400;
                case "mon" -> 30 * 86_400;
                default -> 365 * 86_400;
            };
            long now = state.now();
            return (double) (m.group(1).isEmpty() ? now + n * unit : now - n * unit);
        }
        return number(s);
    }
}
