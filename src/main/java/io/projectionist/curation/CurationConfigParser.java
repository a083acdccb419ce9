package io.projectionist.curation;

import io.projectionist.curation.CurationConfig.CollectionSpec;
import io.projectionist.curation.CurationConfig.Flags;
import io.projectionist.curation.CurationConfig.ItemOrder;
import io.projectionist.curation.CurationConfig.Season;
import io.projectionist.curation.CurationConfig.SectionSpec;
import io.projectionist.curation.CurationConfig.Source;
import io.projectionist.curation.CurationConfig.SourceType;
import io.projectionist.curation.CurationConfig.SyncMode;
import io.projectionist.curation.CurationConfig.Visibility;
import io.projectionist.ops.ConfigurationException;
import io.projectionist.ops.Settings;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.io.StringReader;
import java.util.Arrays;

/**
 * Reads {@code curation.yaml} into a {@link CurationConfig}, checking every key and value. Problems are collected
 * and reported together, each naming the file, the line and the key ({@code curation.yaml:12:
 * collections[0].source.days must be a whole number of at least 1, not 'week'}); they stop start-up as a
 * {@link ConfigurationException}. The YAML is read as a node tree (SnakeYAML, which Jackson's YAML support brings),
 * so values are interpreted here and line numbers survive.
 */
public final class CurationConfigParser {

    /** The setting that names the file (messages about reading it name the setting). */
    static final String FILE_KEY = "projectionist.curation.file";
    private static final Set<String> TOP = Set.of("collections", "sections");
    private static final Set<String> COLLECTION = Set.of("title", "section", "source", "sync", "order", "visibility",
            "position");
    private static final Set<String> SOURCE = Set.of("type", "days", "size", "minimum", "user", "items");
    private static final Set<String> VISIBILITY = Set.of("home", "shared", "recommended", "dates");
    private static final Set<String> SECTION = Set.of("section", "hub-order", "unpin-idle-days");

    private final String file;
    private final List<String> problems = new ArrayList<>();

    private CurationConfigParser(String file) {
        this.file = file;
    }

    /** Reads a file; {@code classpath:name} reads a resource (the demo's). */
    public static CurationConfig load(String location) {
        String text;
        try {
            if (location.startsWith("classpath:")) {
                String res = location.substring("classpath:".length()).replaceFirst("^/", "");
                try (InputStream in = CurationConfigParser.class.getClassLoader().getResourceAsStream(res)) {
                    if (in == null) {
                        throw new ConfigurationException(Settings.describe(FILE_KEY) + ": no resource " + location);
                    }
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } else {
                text = Files.readString(Path.of(location));
            }
        } catch (IOException e) {
            throw new ConfigurationException(Settings.describe(FILE_KEY) + ": cannot read " + location + " ("
                    + e.getMessage() + ")");
        }
        return parse(text, location);
    }

    /** Parses YAML text; {@code file} names it in messages. */
    public static CurationConfig parse(String text, String file) {
        return new CurationConfigParser(file).read(text);
    }

    private CurationConfig read(String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            throw new ConfigurationException(file + ":" + (e.getProblemMark() == null ? "?"
                    : e.getProblemMark().getLine() + 1) + ": not valid YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new ConfigurationException(file + ": not valid YAML: " + e.getMessage());
        }
        if (root == null) {
            return CurationConfig.empty();
        }
        Map<String, Node> top = mapping(root, "(top level)", TOP);
        List<CollectionSpec> collections = new ArrayList<>();
        List<SectionSpec> sections = new ArrayList<>();
        if (top != null) {
            Node cs = top.get("collections");
            if (cs != null && !isNull(cs)) {
                List<Node> list = sequence(cs, "collections");
                for (int i = 0; list != null && i < list.size(); i++) {
                    CollectionSpec c = collection(list.get(i), "collections[" + i + "]");
                    if (c != null) {
                        collections.add(c);
                    }
                }
            }
            Node ss = top.get("sections");
            if (ss != null && !isNull(ss)) {
                List<Node> list = sequence(ss, "sections");
                for (int i = 0; list != null && i < list.size(); i++) {
                    SectionSpec s = section(list.get(i), "sections[" + i + "]");
                    if (s != null) {
                        sections.add(s);
                    }
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (CollectionSpec c : collections) {
            if (!seen.add(c.section().toLowerCase(Locale.ROOT) + "\u0000" + c.title())) {
                problems.add(c.where() + ": collection '" + c.title() + "' of section '" + c.section()
                        + "' is configured twice");
            }
        }
        Set<String> sectionsSeen = new HashSet<>();
        for (SectionSpec s : sections) {
            if (!sectionsSeen.add(s.section().toLowerCase(Locale.ROOT))) {
                problems.add(s.where() + ": section '" + s.section() + "' appears twice under sections");
            }
            for (CollectionSpec c : collections) {
                if (c.position() != null && c.section().equalsIgnoreCase(s.section()) && s.hubOrder().contains(c.title())) {
                    problems.add(c.where() + ": collection '" + c.title() + "' has a position and is also listed in "
                            + s.where() + " hub-order; use one of the two");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(String.join("; ", problems));
        }
        return new CurationConfig(collections, sections);
    }

    private CollectionSpec collection(Node node, String path) {
        Map<String, Node> m = mapping(node, path, COLLECTION);
        if (m == null) {
            return null;
        }
        String title = requiredString(m, node, path, "title");
        String section = requiredString(m, node, path, "section");
        Source source = null;
        Node sn = m.get("source");
        if (sn == null) {
            problems.add(at(node) + path + ".source is missing (popular, most-watched, recently-added-unwatched or"
                    + " fixed)");
        } else if (sn instanceof ScalarNode sc) {
            SourceType t = sourceType(sc, path + ".source");
            source = t == null ? null : new Source(t, 30, 10, 0, null, List.of());
            if (t == SourceType.FIXED) {
                problems.add(at(sn) + path + ".source: a fixed source needs items (source: {type: fixed, items: [...]})");
            }
        } else {
            source = source(sn, path + ".source");
        }
        SyncMode sync = enumValue(m.get("sync"), path + ".sync", SyncMode.class, SyncMode.SYNC, Map.of());
        ItemOrder order = enumValue(m.get("order"), path + ".order", ItemOrder.class, ItemOrder.SOURCE,
                Map.of("custom", ItemOrder.SOURCE, "rank", ItemOrder.SOURCE, "alpha", ItemOrder.TITLE,
                        "release-date", ItemOrder.RELEASE));
        Visibility visibility = new Visibility(Flags.NONE, null);
        Node vn = m.get("visibility");
        if (vn != null && !isNull(vn)) {
            visibility = visibility(vn, path + ".visibility");
        }
        Integer position = integer(m.get("position"), path + ".position", 1, null);
        if (title == null || section == null || source == null || visibility == null) {
            return null;
        }
        return new CollectionSpec(section, title, source, sync, order, visibility, position, file + ":" + line(node));
    }

    private SourceType sourceType(Node n, String path) {
        String v = scalar(n, path);
        if (v == null) {
            return null;
        }
        String k = v.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        SourceType t = switch (k) {
            case "popular", "tautulli-popular", "most-popular" -> SourceType.POPULAR;
            case "most-watched", "watched", "tautulli-watched", "top" -> SourceType.MOST_WATCHED;
            case "recently-added-unwatched", "recently-added", "new-unwatched" -> SourceType.RECENTLY_ADDED_UNWATCHED;
            case "fixed", "list" -> SourceType.FIXED;
            default -> null;
        };
        if (t == null) {
            problems.add(at(n) + path + " must be popular, most-watched, recently-added-unwatched or fixed, not '"
                    + v + "'");
        }
        return t;
    }

    private Source source(Node node, String path) {
        Map<String, Node> m = mapping(node, path, SOURCE);
        if (m == null) {
            return null;
        }
        Node tn = m.get("type");
        if (tn == null) {
            problems.add(at(node) + path + ".type is missing (popular, most-watched, recently-added-unwatched or fixed)");
            return null;
        }
        SourceType type = sourceType(tn, path + ".type");
        int days = orDefault(integer(m.get("days"), path + ".days", 1, 3650), 30);
        int size = orDefault(integer(m.get("size"), path + ".size", 1, 1000), 10);
        int minimum = orDefault(integer(m.get("minimum"), path + ".minimum", 0, null), 0);
        String user = m.containsKey("user") ? scalar(m.get("user"), path + ".user") : null;
        List<String> items = new ArrayList<>();
        Node in = m.get("items");
        if (in != null) {
            List<Node> list = sequence(in, path + ".items");
            for (int i = 0; list != null && i < list.size(); i++) {
                String v = scalar(list.get(i), path + ".items[" + i + "]");
                if (v != null && !v.isBlank()) {
                    items.add(v.strip());
                }
            }
        }
        if (type == null) {
            return null;
        }
        if (type == SourceType.FIXED && items.isEmpty()) {
            problems.add(at(node) + path + ".items: a fixed source needs at least one rating key or title");
        }
        if (type != SourceType.FIXED && in != null) {
            problems.add(at(in) + path + ".items only applies to type fixed");
        }
        if ((type == SourceType.FIXED || type == SourceType.RECENTLY_ADDED_UNWATCHED)
                && (m.containsKey("days") || m.containsKey("user") || m.containsKey("minimum"))) {
            problems.add(at(node) + path + ": days, minimum and user only apply to popular and most-watched");
        }
        if (type == SourceType.FIXED && !m.containsKey("size")) {
            size = Math.max(1, items.size());
        }
        return new Source(type, days, size, minimum, user == null || user.isBlank() ? null : user.strip(), items);
    }

    private Visibility visibility(Node node, String path) {
        Map<String, Node> m = mapping(node, path, VISIBILITY);
        if (m == null) {
            return null;
        }
        boolean home = bool(m.get("home"), path + ".home");
        boolean shared = bool(m.get("shared"), path + ".shared");
        boolean rec = bool(m.get("recommended"), path + ".recommended");
        Season season = null;
        Node dn = m.get("dates");
        if (dn != null) {
            String v = scalar(dn, path + ".dates");
            if (v != null) {
                season = season(v.strip(), dn, path + ".dates");
            }
        }
        return new Visibility(new Flags(home, shared, rec), season);
    }

    private Season season(String v, Node n, String path) {
        String[] parts = v.split("\\.\\.");
        if (parts.length == 2) {
            try {
                return new Season(MonthDay.parse("--" + parts[0].strip()), MonthDay.parse("--" + parts[1].strip()));
            } catch (DateTimeException e) {
                // falls through to the message
            }
        }
        problems.add(at(n) + path + " must be a yearly range MM-DD..MM-DD such as 12-01..12-31, not '" + v + "'");
        return null;
    }

    private SectionSpec section(Node node, String path) {
        Map<String, Node> m = mapping(node, path, SECTION);
        if (m == null) {
            return null;
        }
        String section = requiredString(m, node, path, "section");
        List<String> order = new ArrayList<>();
        Node on = m.get("hub-order");
        if (on != null) {
            List<Node> list = sequence(on, path + ".hub-order");
            for (int i = 0; list != null && i < list.size(); i++) {
                String v = scalar(list.get(i), path + ".hub-order[" + i + "]");
                if (v != null && !v.isBlank()) {
                    if (order.contains(v.strip())) {
                        problems.add(at(list.get(i)) + path + ".hub-order lists '" + v + "' twice");
                    }
                    order.add(v.strip());
                }
            }
        }
        Integer idle = integer(m.get("unpin-idle-days"), path + ".unpin-idle-days", 1, 3650);
        return section == null ? null : new SectionSpec(section, order, idle, file + ":" + line(node));
    }

    // ---- node helpers ------------------------------------------------------------------------------------------

    private Map<String, Node> mapping(Node node, String path, Set<String> allowed) {
        if (!(node instanceof MappingNode mn)) {
            problems.add(at(node) + path + " must be a mapping (key: value lines)");
            return null;
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : mn.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (key == null) {
                problems.add(at(t.getKeyNode()) + path + ": keys must be plain words");
                continue;
            }
            if (!allowed.contains(key)) {
                problems.add(at(t.getKeyNode()) + path + ": unknown key '" + key + "' (expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
                continue;
            }
            if (out.put(key, t.getValueNode()) != null) {
                problems.add(at(t.getKeyNode()) + path + "." + key + " is given twice");
            }
        }
        return out;
    }

    private List<Node> sequence(Node node, String path) {
        if (node instanceof SequenceNode sn) {
            return sn.getValue();
        }
        problems.add(at(node) + path + " must be a list (lines starting with '- ')");
        return null;
    }

    private String scalar(Node node, String path) {
        if (node instanceof ScalarNode s) {
            return isNull(s) ? null : s.getValue();
        }
        problems.add(at(node) + path + " must be a single value");
        return null;
    }

    private String requiredString(Map<String, Node> m, Node parent, String path, String key) {
        Node n = m.get(key);
        String v = n == null ? null : scalar(n, path + "." + key);
        if (v == null || v.isBlank()) {
            problems.add(at(n == null ? parent : n) + path + "." + key + " is missing");
            return null;
        }
        return v.strip();
    }

    private Integer integer(Node n, String path, int min, Integer max) {
        if (n == null) {
            return null;
        }
        String v = scalar(n, path);
        if (v == null) {
            return null;
        }
        try {
            int i = Integer.parseInt(v.strip());
            if (i >= min && (max == null || i <= max)) {
                return i;
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        problems.add(at(n) + path + " must be a whole number of at least " + min + (max == null ? "" : " and at most "
                + max) + ", not '" + v + "'");
        return null;
    }

    private boolean bool(Node n, String path) {
        if (n == null) {
            return false;
        }
        String v = scalar(n, path);
        if (v == null) {
            return false;
        }
        switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> {
                return true;
            }
            case "false", "no", "off", "0" -> {
                return false;
            }
            default -> {
                problems.add(at(n) + path + " must be true or false, not '" + v + "'");
                return false;
            }
        }
    }

    private <E extends Enum<E>> E enumValue(Node n, String path, Class<E> type, E fallback, Map<String, E> aliases) {
        if (n == null) {
            return fallback;
        }
        String v = scalar(n, path);
        if (v == null) {
            return fallback;
        }
        String k = v.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        if (aliases.containsKey(k)) {
            return aliases.get(k);
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(k)) {
                return e;
            }
        }
        problems.add(at(n) + path + " must be one of " + String.join(", ", Arrays.stream(
                type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()) + ", not '" + v + "'");
        return fallback;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && "tag:yaml.org,2002:null".equals(s.getTag().getValue());
    }

    private static int orDefault(Integer v, int d) {
        return v == null ? d : v;
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }

    private String at(Node n) {
        return file + ":" + line(n) + ": ";
    }
}
