package io.projectionist.curation;

import io.projectionist.curation.Change.Op;
import io.projectionist.curation.CurationConfig.Flags;
import io.projectionist.curation.CurationConfig.ItemOrder;
import io.projectionist.curation.CurationConfig.SyncMode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import io.projectionist.plex.model.ManagedHub;

/**
 * Desired state versus Plex's actual state → the exact list of changes, in the order they must be applied (per
 * section: collection contents and order, then hub visibility, then hub order). Plain Java: no Camel, no I/O.
 * Nothing is planned that is already true, so a second run over an unchanged Plex plans nothing.
 */
public final class Planner {

    /** Rating keys per {@code PUT …/items} (the Plex client's batch size). */
    static final int ADD_BATCH = 50;

    /** A curated collection as it should be; {@code items} are existing rating keys in the wanted order. */
    public record DesiredCollection(String sectionId, String title, List<String> items, SyncMode sync,
            ItemOrder order, Flags flags, Integer position) {
        public DesiredCollection {
            items = List.copyOf(new LinkedHashSet<>(items));
        }
    }

    /**
     * Per-section wishes: {@code hubOrder} entries are hub identifiers or titles; {@code idleCollections} are rating
     * keys of collections whose hubs should be unpinned (computed from play statistics).
     */
    public record DesiredSection(String sectionId, List<String> hubOrder, Set<String> idleCollections) {
        public DesiredSection {
            hubOrder = hubOrder == null ? List.of() : List.copyOf(hubOrder);
            idleCollections = idleCollections == null ? Set.of() : Set.copyOf(idleCollections);
        }
    }

    /** A collection in Plex; {@code items} in display order, or null when they were not read (not curated). */
    public record ActualCollection(String ratingKey, String title, Integer collectionSort, List<String> items) {
    }

    /** A managed hub in Plex; {@code collectionKey} is null for built-in hubs. */
    public record ActualHub(String identifier, String title, Flags flags, String collectionKey) {
    }

    /** A section as Plex has it; {@code hubs} in on-screen order. */
    public record ActualSection(String sectionId, String title, List<ActualCollection> collections,
            List<ActualHub> hubs) {
        public ActualSection {
            collections = List.copyOf(collections);
            hubs = List.copyOf(hubs);
        }
    }

    /** The result: changes in order and notes. */
    public record Result(List<Change> changes, List<String> notes) {
    }

    private final Map<String, String> labels;

    /** @param labels rating key → readable label ("Title (Year)") for the text; missing keys show as the key */
    public Planner(Map<String, String> labels) {
        this.labels = labels == null ? Map.of() : labels;
    }

    public Result plan(List<DesiredSection> sections, List<DesiredCollection> collections,
            Map<String, ActualSection> actual) {
        List<Change> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> sectionIds = new LinkedHashSet<>();
        collections.forEach(c -> sectionIds.add(c.sectionId()));
        sections.forEach(s -> sectionIds.add(s.sectionId()));
        for (String sid : sectionIds) {
            ActualSection a = actual.get(sid);
            if (a == null) {
                notes.add("section " + sid + " was not read from Plex; nothing planned for it");
                continue;
            }
            DesiredSection ds = sections.stream().filter(s -> s.sectionId().equals(sid)).findFirst()
                    .orElse(new DesiredSection(sid, List.of(), Set.of()));
            planSection(a, ds, collections.stream().filter(c -> c.sectionId().equals(sid)).toList(), changes, notes);
        }
        return new Result(changes, notes);
    }

    private void planSection(ActualSection a, DesiredSection ds, List<DesiredCollection> wanted, List<Change> out,
            List<String> notes) {
        String sid = a.sectionId();
        List<String> hubs = new ArrayList<>(a.hubs().stream().map(ActualHub::identifier).toList());
        Map<String, ActualHub> hubById = new HashMap<>();
        a.hubs().forEach(h -> hubById.put(h.identifier(), h));
        Map<String, String> hubTitle = new HashMap<>();
        a.hubs().forEach(h -> hubTitle.put(h.identifier(), h.title()));
        Map<String, String> curatedHubByTitle = new LinkedHashMap<>();
        Map<String, Integer> positions = new LinkedHashMap<>();
        List<Change> hubChanges = new ArrayList<>();

        for (DesiredCollection dc : wanted) {
            ActualCollection ac = find(a.collections(), dc.title());
            String ref = ac == null ? Change.newKey(dc.title()) : ac.ratingKey();
            String q = "\"" + dc.title() + "\"";
            if (ac == null) {
                if (dc.items().isEmpty()) {
                    notes.add(q + " (section " + sid + "): its source has no items now; the collection is not created");
                    continue;
                }
                out.add(new Change(Op.CREATE_COLLECTION, sid, dc.title(), null, null, dc.items(), null, null,
                        dc.items().size() + " items", "create collection " + q + " with " + dc.items().size()
                                + " item(s): " + list(dc.items()), 1));
                if (dc.order().collectionSort() != 0) {
                    out.add(sortChange(sid, dc, null, 0));
                }
            } else {
                List<String> current = ac.items() == null ? List.of() : ac.items();
                Set<String> want = new LinkedHashSet<>(dc.items());
                List<String> removed = dc.sync() == SyncMode.SYNC
                        ? current.stream().filter(k -> !want.contains(k)).toList() : List.of();
                Set<String> have = new HashSet<>(current);
                List<String> added = dc.items().stream().filter(k -> !have.contains(k)).toList();
                if (!removed.isEmpty()) {
                    out.add(new Change(Op.REMOVE_ITEMS, sid, dc.title(), ref, null, removed, null, current.size()
                            + " items", (current.size() - removed.size()) + " items", "remove " + removed.size()
                            + " item(s) from " + q + ": " + list(removed), removed.size()));
                }
                if (!added.isEmpty()) {
                    out.add(new Change(Op.ADD_ITEMS, sid, dc.title(), ref, null, added, null,
                            (current.size() - removed.size()) + " items",
                            (current.size() - removed.size() + added.size()) + " items",
                            "add " + added.size() + " item(s) to " + q + ": " + list(added),
                            (added.size() + ADD_BATCH - 1) / ADD_BATCH));
                }
                int sortNow = ac.collectionSort() == null ? 0 : ac.collectionSort();
                if (sortNow != dc.order().collectionSort()) {
                    out.add(sortChange(sid, dc, ref, sortNow));
                }
                if (dc.order() == ItemOrder.SOURCE) {
                    Set<String> gone = new HashSet<>(removed);
                    List<String> after = new ArrayList<>(current.stream().filter(k -> !gone.contains(k)).toList());
                    after.addAll(added); // Plex appends added items
                    List<String> target = new ArrayList<>(dc.items());
                    after.stream().filter(k -> !want.contains(k)).forEach(target::add); // append mode keeps extras
                    for (MinimalMoves.Move m : MinimalMoves.plan(after, target)) {
                        out.add(new Change(Op.MOVE_ITEM, sid, dc.title(), ref, null, List.of(m.element()), m.after(),
                                after.indexOf(m.element()) + 1, target.indexOf(m.element()) + 1,
                                "move " + label(m.element()) + (m.after() == null ? " to first" : " after "
                                        + label(m.after())) + " in " + q, 1));
                    }
                }
            }
            String hubId = ManagedHub.collectionIdentifier(sid, ref);
            ActualHub h = hubById.get(hubId);
            Flags now = h == null ? Flags.NONE : h.flags();
            Flags target = dc.flags();
            if (h != null ? !now.equals(target) : target.any()) {
                hubChanges.add(new Change(Op.SET_VISIBILITY, sid, dc.title(), ac == null ? null : ref, hubId, List.of(),
                        null, h == null ? "not a hub" : now, target, "hub " + q + ": " + target
                                + (h == null ? " (new hub)" : " (was " + now + ")"), 1));
            }
            if (h == null && target.any()) {
                hubs.add(hubId); // Plex appends a new hub
            }
            hubTitle.put(hubId, dc.title());
            curatedHubByTitle.put(dc.title(), hubId);
            if (dc.position() != null) {
                positions.put(hubId, dc.position());
            }
        }

        for (ActualHub h : a.hubs()) {
            if (h.collectionKey() != null && ds.idleCollections().contains(h.collectionKey())
                    && !curatedHubByTitle.containsValue(h.identifier()) && h.flags().any()) {
                hubChanges.add(new Change(Op.SET_VISIBILITY, sid, null, h.collectionKey(), h.identifier(), List.of(),
                        null, h.flags(), Flags.NONE, "unpin idle hub \"" + h.title() + "\" (no plays): " + Flags.NONE
                                + " (was " + h.flags() + ")", 1));
            }
        }
        out.addAll(hubChanges);

        List<String> target = hubTarget(hubs, ds.hubOrder(), curatedHubByTitle, hubTitle, positions, sid, notes);
        if (!target.equals(hubs)) {
            for (MinimalMoves.Move m : MinimalMoves.plan(hubs, target)) {
                out.add(new Change(Op.MOVE_HUB, sid, null, null, m.element(), List.of(), m.after(),
                        hubs.indexOf(m.element()) + 1, target.indexOf(m.element()) + 1,
                        "move hub \"" + hubTitle.getOrDefault(m.element(), m.element()) + "\" "
                                + (m.after() == null ? "to first" : "after \"" + hubTitle.getOrDefault(m.after(),
                                        m.after()) + "\"") + " (position " + (hubs.indexOf(m.element()) + 1) + " → "
                                + (target.indexOf(m.element()) + 1) + ")", 1));
            }
        }
    }

    /**
     * The wanted hub order: the hubs listed in hub-order first, in that order, then every other hub in its current
     * order; then curated collections with a position are put there (1 = first), smallest position first.
     */
    static List<String> hubTarget(List<String> current, List<String> hubOrder, Map<String, String> curatedByTitle,
            Map<String, String> titles, Map<String, Integer> positions, String sid, List<String> notes) {
        List<String> listed = new ArrayList<>();
        for (String entry : hubOrder) {
            String id = resolveHub(entry, current, curatedByTitle, titles);
            if (id == null) {
                notes.add("hub-order of section " + sid + ": no hub '" + entry + "' (an identifier such as "
                        + "movie.recentlyadded or a collection title); skipped");
            } else if (!listed.contains(id)) {
                listed.add(id);
            }
        }
        List<String> target = new ArrayList<>(listed);
        current.stream().filter(h -> !listed.contains(h)).forEach(target::add);
        positions.entrySet().stream().filter(e -> target.contains(e.getKey()))
                .sorted(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .forEach(e -> {
                    target.remove(e.getKey());
                    target.add(Math.min(e.getValue() - 1, target.size()), e.getKey());
                });
        return target;
    }

    private static String resolveHub(String entry, List<String> current, Map<String, String> curatedByTitle,
            Map<String, String> titles) {
        if (current.contains(entry)) {
            return entry;
        }
        String id = curatedByTitle.get(entry);
        if (id != null && current.contains(id)) {
            return id;
        }
        for (String h : current) {
            if (entry.equalsIgnoreCase(titles.get(h))) {
                return h;
            }
        }
        return null;
    }

    private Change sortChange(String sid, DesiredCollection dc, String ref, int sortNow) {
        return new Change(Op.SET_SORT, sid, dc.title(), ref, null, List.of(), null, sortName(sortNow),
                sortName(dc.order().collectionSort()), "sort \"" + dc.title() + "\" by "
                        + sortName(dc.order().collectionSort()) + " (was " + sortName(sortNow) + ")", 1);
    }

    static String sortName(int collectionSort) {
        return switch (collectionSort) {
            case 1 -> "title";
            case 2 -> "custom order";
            default -> "release date";
        };
    }

    private static ActualCollection find(List<ActualCollection> list, String title) {
        for (ActualCollection c : list) {
            if (title.equals(c.title())) {
                return c;
            }
        }
        for (ActualCollection c : list) {
            if (title.equalsIgnoreCase(c.title())) {
                return c;
            }
        }
        return null;
    }

    private String label(String key) {
        String l = labels.get(key);
        return l == null ? key : "'" + l + "'";
    }

    private String list(List<String> keys) {
        int shown = Math.min(keys.size(), 5);
        String s = keys.subList(0, shown).stream().map(this::label).collect(Collectors.joining(", "));
        return keys.size() > shown ? s + ", … (" + (keys.size() - shown) + " more)" : s;
    }
}
