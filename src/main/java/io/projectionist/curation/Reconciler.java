package io.projectionist.curation;

import io.projectionist.curation.Change.Op;
import io.projectionist.curation.CurationConfig.CollectionSpec;
import io.projectionist.curation.CurationConfig.Flags;
import io.projectionist.curation.CurationConfig.SectionSpec;
import io.projectionist.curation.CurationConfig.SourceType;
import io.projectionist.curation.Planner.ActualCollection;
import io.projectionist.curation.Planner.ActualHub;
import io.projectionist.curation.Planner.ActualSection;
import io.projectionist.curation.Planner.DesiredCollection;
import io.projectionist.curation.Planner.DesiredSection;
import io.projectionist.plex.model.ManagedHub;
import io.projectionist.plex.model.PlexCollection;
import io.projectionist.plex.model.PlexItem;
import io.projectionist.plex.model.PlexItemType;
import io.projectionist.plex.model.PlexSection;
import io.projectionist.support.AtomicFiles;
import io.projectionist.support.Json;
import io.projectionist.tautulli.model.HomeStatRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One curation run: compute the desired state (curation.yaml + Tautulli statistics + Plex), read Plex's actual
 * state, plan, and — only with apply — execute the plan, verify by reading back, re-assert what Plex did not keep
 * (at most {@code maxPasses} passes), and record every write in the audit log. The plan is always written (JSON and
 * text) to {@code <out-dir>/plans/curation-plan.*}, and to {@code <data-dir>/plans/curation-<id>.*} when it is not
 * empty. Plain Java (no Camel types); one run at a time.
 */
public final class Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final Pattern NEW = Pattern.compile("\\{new:(.*)}");
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    /**
     * @param dataDir   plans/ and curation/audit.jsonl go here
     * @param outDir    plans/curation-plan.{json,txt} (the latest plan) go here
     * @param maxPasses apply + verify passes (the later ones re-assert what Plex did not keep)
     * @param keepPlans plan files kept in the data folder
     */
    public record Settings(Path dataDir, Path outDir, int maxPasses, int keepPlans) {
    }

    /** What happened to one planned change. */
    public record ChangeResult(Change change, int pass, String result, String error) {
    }

    /**
     * The outcome of a run.
     *
     * @param planReads Plex requests made to plan (reads)
     * @param reads     Plex GET requests of the whole run
     * @param writes    Plex write requests of the whole run
     * @param complete  false when a write failed (the rest is done by the next run)
     */
    public record Outcome(Plan plan, List<ChangeResult> results, int planReads, int reads, int writes,
            int tautulliRequests, boolean complete, List<String> notKept, List<Path> files) {

        public long applied() {
            return results.stream().filter(r -> !"failed".equals(r.result())).count();
        }

        public long failed() {
            return results.stream().filter(r -> "failed".equals(r.result())).count();
        }

        /** A few lines for logs and notifications. */
        public String summary() {
            StringBuilder sb = new StringBuilder(plan.text());
            if (plan.apply() && !plan.isEmpty()) {
                sb.append(String.format("  applied %d change(s) with %d Plex write(s), %d failed%s%n", applied(),
                        writes, failed(), complete ? "" : " — stopped; the next run completes the rest"));
                if (!notKept.isEmpty()) {
                    sb.append("  not kept by Plex after ").append(results.stream().mapToInt(ChangeResult::pass).max()
                            .orElse(1)).append(" pass(es): ").append(String.join("; ", notKept)).append('\n');
                }
            }
            sb.append(String.format("  Plex requests: %d read(s) to plan, %d read(s) and %d write(s) in all; "
                    + "Tautulli requests: %d%n", planReads, reads, writes, tautulliRequests));
            return sb.toString();
        }
    }

    private final CurationConfig config;
    private final CurationPlex plex;
    private final CurationStats stats;
    private final Settings settings;
    private final Clock clock;
    private final AuditLog audit;

    public Reconciler(CurationConfig config, CurationPlex plex, CurationStats stats, Settings settings, Clock clock) {
        this.config = config;
        this.plex = plex;
        this.stats = stats;
        this.settings = settings;
        this.clock = clock;
        this.audit = new AuditLog(settings.dataDir().resolve("curation/audit.jsonl"));
    }

    public AuditLog audit() {
        return audit;
    }

    /** State gathered for one run. */
    private final class Run {
        final Map<String, PlexSection> sections = new LinkedHashMap<>();
        final List<DesiredCollection> collections = new ArrayList<>();
        final List<DesiredSection> desiredSections = new ArrayList<>();
        final Map<String, String> labels = new HashMap<>();
        final List<String> notes = new ArrayList<>();
        final Map<String, List<PlexItem>> allItems = new HashMap<>();
    }

    public synchronized Outcome run(boolean apply) {
        int r0 = plex.reads();
        int w0 = plex.writes();
        int t0 = stats.requests();
        ZonedDateTime now = ZonedDateTime.now(clock);
        String id = ID.format(now);
        Run run = new Run();

        for (PlexSection s : plex.sections()) {
            run.sections.put(s.key(), s);
        }
        Map<CollectionSpec, String> specSection = new LinkedHashMap<>();
        for (CollectionSpec c : config.collections()) {
            String sid = resolveSection(run, c.section());
            if (sid == null) {
                run.notes.add(c.where() + ": no library section '" + c.section() + "' in Plex; \"" + c.title()
                        + "\" skipped");
            } else {
                specSection.put(c, sid);
            }
        }
        Map<SectionSpec, String> sectionSpecs = new LinkedHashMap<>();
        for (SectionSpec s : config.sections()) {
            String sid = resolveSection(run, s.section());
            if (sid == null) {
                run.notes.add(s.where() + ": no library section '" + s.section() + "' in Plex; skipped");
            } else {
                sectionSpecs.put(s, sid);
            }
        }
        Set<String> sids = new LinkedHashSet<>(specSection.values());
        sids.addAll(sectionSpecs.values());
        Map<String, ActualSection> actual = readActual(run, sids, specSection);

        desired(run, specSection, actual, now.toLocalDate());
        for (Map.Entry<SectionSpec, String> e : sectionSpecs.entrySet()) {
            run.desiredSections.add(new DesiredSection(e.getValue(), e.getKey().hubOrder(),
                    idle(run, e.getKey(), e.getValue(), actual.get(e.getValue()), specSection)));
        }
        Planner planner = new Planner(run.labels);
        Planner.Result planned = planner.plan(run.desiredSections, run.collections, actual);
        List<String> notes = new ArrayList<>(run.notes);
        notes.addAll(planned.notes());
        Map<String, String> sectionTitles = new LinkedHashMap<>();
        run.sections.forEach((k, v) -> sectionTitles.put(k, v.title()));
        int planReads = plex.reads() - r0;
        Plan plan = new Plan(id, now.toOffsetDateTime().toString(), apply, planned.changes(), notes, planReads,
                sectionTitles);

        List<ChangeResult> results = new ArrayList<>();
        List<String> notKept = new ArrayList<>();
        boolean complete = true;
        RuntimeException failure = null;
        if (apply && !plan.isEmpty()) {
            Map<String, String> created = new HashMap<>();
            List<Change> pending = plan.changes();
            for (int pass = 1; pass <= Math.max(1, settings.maxPasses()) && !pending.isEmpty(); pass++) {
                List<ChangeResult> applied = new ArrayList<>();
                for (Change c : pending) {
                    try {
                        execute(run, c, created);
                        applied.add(new ChangeResult(c, pass, "applied", null));
                        record(id, pass, c, "applied", null, c.collectionKey() != null || c.collection() == null
                                ? c.collectionKey() : created.get(c.sectionId() + "|" + c.collection()));
                    } catch (RuntimeException e) {
                        record(id, pass, c, "failed", e.getMessage(), c.collectionKey());
                        applied.add(new ChangeResult(c, pass, "failed", e.getMessage()));
                        failure = e;
                        break;
                    }
                }
                if (failure != null) {
                    results.addAll(applied);
                    complete = false;
                    LOG.warn("curation: plan {} stopped at a failed write ({}); {} of {} change(s) applied, the next "
                            + "run completes the rest", id, failure.getMessage(), applied.size() - 1, pending.size());
                    break;
                }
                // verify: read Plex back and plan again; what is still planned was not kept
                Map<String, ActualSection> after = readActual(run, sids, specSection);
                Planner.Result residual = planner.plan(run.desiredSections, run.collections, after);
                Set<String> open = new HashSet<>();
                residual.changes().forEach(c -> open.add(c.subject()));
                List<String> unverified = new ArrayList<>();
                for (ChangeResult r : applied) {
                    boolean ok = !open.contains(r.change().subject());
                    results.add(new ChangeResult(r.change(), pass, ok ? "verified" : "not kept", null));
                    if (!ok) {
                        unverified.add(r.change().text());
                    }
                }
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("when", ZonedDateTime.now(clock).toOffsetDateTime().toString());
                v.put("event", "verify");
                v.put("plan", id);
                v.put("pass", pass);
                v.put("verified", applied.size() - unverified.size());
                v.put("not_kept", unverified);
                v.put("still_planned", residual.changes().stream().map(Change::text).toList());
                audit.append(v);
                pending = residual.changes();
                notKept = residual.changes().stream().map(Change::text).toList();
                if (!pending.isEmpty()) {
                    LOG.warn("curation: after pass {} Plex does not show {} change(s) (e.g. visibility cleared after a"
                            + " sort change); {}", pass, pending.size(), pass < settings.maxPasses()
                                    ? "re-asserting" : "giving up until the next run");
                }
            }
        }
        int reads = plex.reads() - r0;
        int writes = plex.writes() - w0;
        Outcome outcome = new Outcome(plan, results, planReads, reads, writes, stats.requests() - t0, complete,
                notKept, List.of());
        List<Path> files = writeFiles(outcome);
        outcome = new Outcome(plan, results, planReads, reads, writes, stats.requests() - t0, complete, notKept, files);
        if (plan.isEmpty()) {
            LOG.info("curation: plan {}: nothing to change ({} Plex read(s))", id, reads);
        } else {
            LOG.info("curation:\n{}", outcome.summary().stripTrailing());
        }
        if (failure != null) {
            throw failure;
        }
        return outcome;
    }

    // ---- desired state ---------------------------------------------------------------------------------------

    private String resolveSection(Run run, String nameOrId) {
        if (run.sections.containsKey(nameOrId)) {
            return nameOrId;
        }
        for (PlexSection s : run.sections.values()) {
            if (nameOrId.equalsIgnoreCase(s.title())) {
                return s.key();
            }
        }
        return null;
    }

    private PlexItemType itemType(Run run, String sid) {
        return PlexItemType.ofSectionType(run.sections.get(sid).type());
    }

    private record Candidate(String key, String label) {
    }

    private void desired(Run run, Map<CollectionSpec, String> specSection, Map<String, ActualSection> actual,
            LocalDate today) {
        Map<CollectionSpec, List<Candidate>> candidates = new LinkedHashMap<>();
        Map<String, String> userIds = new HashMap<>();
        for (Map.Entry<CollectionSpec, String> e : specSection.entrySet()) {
            CollectionSpec spec = e.getKey();
            String sid = e.getValue();
            List<Candidate> list = new ArrayList<>();
            var src = spec.source();
            switch (src.type()) {
                case POPULAR, MOST_WATCHED -> {
                    boolean popular = src.type() == SourceType.POPULAR;
                    String userId = null;
                    if (src.user() != null) {
                        userId = userIds.computeIfAbsent(src.user(), u -> {
                            String found = stats.userId(u);
                            return found == null ? "" : found;
                        });
                        if (userId.isEmpty()) {
                            run.notes.add(spec.where() + ": Tautulli has no user '" + src.user() + "'; \""
                                    + spec.title() + "\" left as it is");
                            continue;
                        }
                    }
                    // a few spare rows: some may no longer exist in Plex
                    int count = src.size() + Math.max(5, src.size() / 2);
                    for (HomeStatRow row : stats.card(CurationStats.statId(popular, run.sections.get(sid).type()), sid,
                            src.days(), count, userId)) {
                        long score = popular ? nz(row.usersWatched()) : nz(row.totalPlays());
                        if (row.ratingKey() == null || score < src.minimum() || score == 0) {
                            continue;
                        }
                        list.add(new Candidate(row.ratingKey(), row.title() + (row.year() == null || row.year() <= 0 ? ""
                                : " (" + row.year() + ")")));
                    }
                }
                case RECENTLY_ADDED_UNWATCHED -> {
                    for (PlexItem it : plex.items(sid, itemType(run, sid), "addedAt:desc", Math.max(100,
                            src.size() * 10))) {
                        boolean unwatched = it.leafCount() != null
                                ? it.viewedLeafCount() == null || it.viewedLeafCount() == 0
                                : it.viewCount() == null || it.viewCount() == 0;
                        if (unwatched && it.ratingKey() != null) {
                            list.add(new Candidate(it.ratingKey(), label(it)));
                            run.labels.put(it.ratingKey(), label(it));
                        }
                        if (list.size() >= src.size()) {
                            break;
                        }
                    }
                }
                case FIXED -> {
                    for (String entry : src.items()) {
                        if (entry.chars().allMatch(Character::isDigit)) {
                            list.add(new Candidate(entry, null));
                        } else {
                            PlexItem it = byTitle(run, sid, entry);
                            if (it == null) {
                                run.notes.add(spec.where() + ": \"" + spec.title() + "\": no item titled '" + entry
                                        + "' in section " + sid + "; skipped");
                            } else {
                                list.add(new Candidate(it.ratingKey(), label(it)));
                                run.labels.put(it.ratingKey(), label(it));
                            }
                        }
                    }
                }
                default -> throw new IllegalStateException();
            }
            for (Candidate c : list) {
                if (c.label() != null) {
                    run.labels.putIfAbsent(c.key(), c.label());
                }
            }
            candidates.put(spec, list);
        }
        // keys not already in their collection are checked with a multi-get (only as many as may be used): keys
        // Plex no longer has, or that belong elsewhere, are skipped and reported
        Set<String> verified = new HashSet<>();
        Set<String> rejected = new HashSet<>();
        for (Map.Entry<CollectionSpec, List<Candidate>> e : candidates.entrySet()) {
            CollectionSpec spec = e.getKey();
            String sid = specSection.get(spec);
            ActualCollection ac = actualCollection(actual.get(sid), spec.title());
            Set<String> present = ac == null || ac.items() == null ? Set.of() : new HashSet<>(ac.items());
            boolean trusted = spec.source().type() == SourceType.RECENTLY_ADDED_UNWATCHED; // read from Plex just now
            PlexItemType type = itemType(run, sid);
            int size = spec.source().size();
            while (true) {
                List<String> unchecked = new ArrayList<>();
                int accepted = 0;
                Set<String> seen = new HashSet<>();
                for (Candidate c : e.getValue()) {
                    if (accepted + unchecked.size() >= size) {
                        break;
                    }
                    if (!seen.add(c.key()) || rejected.contains(c.key())) {
                        continue;
                    }
                    if (trusted || present.contains(c.key()) || verified.contains(c.key())) {
                        accepted++;
                    } else {
                        unchecked.add(c.key());
                    }
                }
                if (unchecked.isEmpty()) {
                    break;
                }
                Map<String, PlexItem> found = plex.metadata(unchecked);
                for (String k : unchecked) {
                    PlexItem it = found.get(k);
                    String lbl = run.labels.get(k);
                    if (it == null) {
                        rejected.add(k);
                        run.notes.add("\"" + spec.title() + "\": rating key " + k + (lbl == null ? "" : " ('" + lbl
                                + "')") + " no longer exists in Plex; skipped");
                    } else if ((it.librarySectionID() != null && !sid.equals(it.librarySectionID()))
                            || (it.type() != null && !type.plexName().equals(it.type()))) {
                        rejected.add(k);
                        run.notes.add("\"" + spec.title() + "\": rating key " + k + " is a " + it.type()
                                + " of section " + it.librarySectionID() + ", not a " + type.plexName()
                                + " of section " + sid + "; skipped");
                    } else {
                        verified.add(k);
                        run.labels.putIfAbsent(k, label(it));
                    }
                }
            }
            List<String> keys = new ArrayList<>();
            for (Candidate c : e.getValue()) {
                if (keys.size() >= size) {
                    break;
                }
                if (!keys.contains(c.key()) && !rejected.contains(c.key())) {
                    keys.add(c.key());
                }
            }
            run.collections.add(new DesiredCollection(sid, spec.title(), keys, spec.sync(), spec.order(),
                    spec.visibility().on(today), spec.position()));
        }
    }

    private PlexItem byTitle(Run run, String sid, String entry) {
        List<PlexItem> all = run.allItems.computeIfAbsent(sid, s -> plex.items(s, itemType(run, s), null, 0));
        Matcher m = Pattern.compile("^(.*?)\\s*\\((\\d{4})\\)$").matcher(entry);
        String title = m.matches() ? m.group(1) : entry;
        Integer year = m.matches() ? Integer.valueOf(m.group(2)) : null;
        return all.stream().filter(i -> title.equalsIgnoreCase(i.title()) && (year == null || year.equals(i.year())))
                .findFirst().orElse(null);
    }

    /** Rating keys of promoted, uncurated collection hubs whose items had no plays in the section's idle days. */
    private Set<String> idle(Run run, SectionSpec spec, String sid, ActualSection a,
            Map<CollectionSpec, String> specSection) {
        if (spec.unpinIdleDays() == null || a == null) {
            return Set.of();
        }
        Set<String> curated = new HashSet<>();
        specSection.forEach((c, s) -> {
            if (s.equals(sid)) {
                ActualCollection ac = actualCollection(a, c.title());
                if (ac != null) {
                    curated.add(ac.ratingKey());
                }
            }
        });
        List<ActualHub> candidates = a.hubs().stream().filter(h -> h.collectionKey() != null && h.flags().any()
                && !curated.contains(h.collectionKey())).toList();
        if (candidates.isEmpty()) {
            return Set.of();
        }
        Set<String> played = new HashSet<>();
        for (HomeStatRow row : stats.card(CurationStats.statId(false, run.sections.get(sid).type()), sid,
                spec.unpinIdleDays(), 100_000, null)) {
            if (row.ratingKey() != null) {
                played.add(row.ratingKey());
            }
        }
        Set<String> idle = new HashSet<>();
        for (ActualHub h : candidates) {
            List<String> items = plex.collectionItems(h.collectionKey());
            if (items.stream().noneMatch(played::contains)) {
                idle.add(h.collectionKey());
            }
        }
        return idle;
    }

    // ---- actual state ----------------------------------------------------------------------------------------

    private Map<String, ActualSection> readActual(Run run, Set<String> sids, Map<CollectionSpec, String> specs) {
        Map<String, ActualSection> out = new LinkedHashMap<>();
        for (String sid : sids) {
            Set<String> curatedTitles = new HashSet<>();
            specs.forEach((c, s) -> {
                if (s.equals(sid)) {
                    curatedTitles.add(c.title().toLowerCase(Locale.ROOT));
                }
            });
            List<ActualCollection> cols = new ArrayList<>();
            for (PlexCollection c : plex.collections(sid)) {
                boolean curated = c.title() != null && curatedTitles.contains(c.title().toLowerCase(Locale.ROOT));
                List<String> items = curated ? plex.collectionItems(c.ratingKey()) : null;
                cols.add(new ActualCollection(c.ratingKey(), c.title(), c.collectionSort(), items));
            }
            List<ActualHub> hubs = new ArrayList<>();
            for (ManagedHub h : plex.managedHubs(sid)) {
                hubs.add(new ActualHub(h.identifier(), h.title(), new Flags(h.promotedToOwnHome(),
                        h.promotedToSharedHome(), h.promotedToRecommended()), h.collectionRatingKey()));
            }
            out.put(sid, new ActualSection(sid, run.sections.get(sid).title(), cols, hubs));
        }
        return out;
    }

    private static ActualCollection actualCollection(ActualSection a, String title) {
        if (a == null) {
            return null;
        }
        return a.collections().stream().filter(c -> title.equals(c.title())).findFirst()
                .or(() -> a.collections().stream().filter(c -> title.equalsIgnoreCase(c.title())).findFirst())
                .orElse(null);
    }

    // ---- applying --------------------------------------------------------------------------------------------

    private void execute(Run run, Change c, Map<String, String> created) {
        String sid = c.sectionId();
        String rk = c.collectionKey() != null ? c.collectionKey()
                : c.collection() == null ? null : created.get(sid + "|" + c.collection());
        switch (c.op()) {
            case CREATE_COLLECTION -> created.put(sid + "|" + c.collection(),
                    plex.createCollection(sid, c.collection(), itemType(run, sid), c.items()));
            case REMOVE_ITEMS -> plex.removeItems(need(rk, c), c.items());
            case ADD_ITEMS -> plex.addItems(need(rk, c), c.items());
            case SET_SORT -> plex.setSort(need(rk, c), sortValue(String.valueOf(c.target())));
            case MOVE_ITEM -> plex.moveItem(need(rk, c), c.items().get(0), c.after());
            case SET_VISIBILITY -> plex.setVisibility(sid, need(rk, c), resolve(sid, c.hub(), created),
                    (Flags) c.target(), "not a hub".equals(c.before()));
            case MOVE_HUB -> plex.moveHub(sid, resolve(sid, c.hub(), created), c.after() == null ? null
                    : resolve(sid, c.after(), created));
            default -> throw new IllegalStateException(c.op().toString());
        }
    }

    private static String need(String rk, Change c) {
        if (rk == null) {
            throw new IllegalStateException("no rating key for \"" + c.collection() + "\" (its creation failed?)");
        }
        return rk;
    }

    private static String resolve(String sid, String s, Map<String, String> created) {
        Matcher m = NEW.matcher(s);
        if (!m.find()) {
            return s;
        }
        String rk = created.get(sid + "|" + m.group(1));
        if (rk == null) {
            throw new IllegalStateException("collection \"" + m.group(1) + "\" was not created");
        }
        return s.substring(0, m.start()) + rk + s.substring(m.end());
    }

    static int sortValue(String name) {
        return switch (name) {
            case "title" -> 1;
            case "custom order" -> 2;
            default -> 0;
        };
    }

    private void record(String planId, int pass, Change c, String result, String error, String collectionKey) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("when", ZonedDateTime.now(clock).toOffsetDateTime().toString());
        e.put("plan", planId);
        e.put("pass", pass);
        e.put("op", c.op().name().toLowerCase(Locale.ROOT));
        e.put("section", c.sectionId());
        e.put("collection", c.collection());
        e.put("collection_key", collectionKey);
        e.put("hub", c.hub());
        e.put("items", c.items());
        e.put("move_after", c.after());
        e.put("what", c.text());
        e.put("before", c.before());
        e.put("after", c.target());
        e.put("result", result);
        if (error != null) {
            e.put("error", error);
        }
        audit.append(e);
    }

    // ---- files -----------------------------------------------------------------------------------------------

    private List<Path> writeFiles(Outcome o) {
        Plan plan = o.plan();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("plan", plan.id());
        json.put("generated", plan.generated());
        json.put("mode", plan.apply() ? "apply" : "dry-run");
        json.put("plex_reads_to_plan", o.planReads());
        json.put("plex_writes_planned", plan.writes());
        List<Map<String, Object>> changes = new ArrayList<>();
        for (Change c : plan.changes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("op", c.op().name().toLowerCase(Locale.ROOT));
            m.put("section", c.sectionId());
            m.put("collection", c.collection());
            m.put("collection_key", c.collectionKey());
            m.put("hub", c.hub());
            m.put("items", c.items());
            m.put("move_after", c.after());
            m.put("before", c.before());
            m.put("after", c.target());
            m.put("text", c.text());
            m.put("writes", c.writes());
            o.results().stream().filter(r -> r.change() == c).reduce((a, b) -> b)
                    .ifPresent(r -> m.put("result", r.result()));
            changes.add(m);
        }
        json.put("changes", changes);
        json.put("notes", plan.notes());
        if (plan.apply()) {
            json.put("applied", o.applied());
            json.put("failed", o.failed());
            json.put("complete", o.complete());
            json.put("not_kept", o.notKept());
            json.put("plex_reads", o.reads());
            json.put("plex_writes", o.writes());
            json.put("reassertions", o.results().stream().filter(r -> r.pass() > 1).map(r -> r.change().text())
                    .distinct().toList());
        }
        List<Path> files = new ArrayList<>();
        try {
            String body = Json.snakeCase().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n";
            String text = o.summary();
            Path latest = settings.outDir().resolve("plans");
            files.add(AtomicFiles.write(latest.resolve("curation-plan.json"), body));
            files.add(AtomicFiles.write(latest.resolve("curation-plan.txt"), text));
            if (!plan.isEmpty()) {
                Path dir = settings.dataDir().resolve("plans");
                files.add(AtomicFiles.write(dir.resolve("curation-" + plan.id() + ".json"), body));
                files.add(AtomicFiles.write(dir.resolve("curation-" + plan.id() + ".txt"), text));
                prune(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the curation plan: " + e.getMessage(), e);
        }
        return files;
    }

    private void prune(Path dir) throws IOException {
        List<Path> plans;
        try (Stream<Path> s = Files.list(dir)) {
            plans = s.filter(p -> p.getFileName().toString().matches("curation-\\d{8}-\\d{6}-\\d{3}\\.json"))
                    .sorted(Comparator.comparing(Path::toString).reversed()).toList();
        }
        for (int i = Math.max(1, settings.keepPlans()); i < plans.size(); i++) {
            Files.deleteIfExists(plans.get(i));
            Files.deleteIfExists(Path.of(plans.get(i).toString().replaceFirst("\\.json$", ".txt")));
        }
    }

    private static String label(PlexItem it) {
        String t = it.grandparentTitle() != null && "episode".equals(it.type()) ? it.grandparentTitle() + " – "
                + it.title() : it.title();
        return t + (it.year() == null || it.year() <= 0 ? "" : " (" + it.year() + ")");
    }

    private static long nz(Number n) {
        return n == null ? 0 : n.longValue();
    }
}
