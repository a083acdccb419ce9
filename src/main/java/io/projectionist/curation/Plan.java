package io.projectionist.curation;

import java.util.List;
import java.util.Map;

/**
 * A curation plan: the exact changes that would make Plex match {@code curation.yaml}, in the order they are
 * applied, plus notes (rating keys that no longer exist, unknown sections, sources that came back empty).
 *
 * @param id        a timestamp id ({@code 20250101-040000}), also in the file names
 * @param generated ISO-8601 time of planning
 * @param apply     whether this run applies the plan
 * @param reads     Plex requests made to read the state it was planned from
 * @param sections  section id → library name, for the text
 */
public record Plan(String id, String generated, boolean apply, List<Change> changes, List<String> notes, int reads,
        Map<String, String> sections) {

    public Plan {
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
        sections = sections == null ? Map.of() : Map.copyOf(sections);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** Plex write requests the plan costs. */
    public int writes() {
        return changes.stream().mapToInt(Change::writes).sum();
    }

    /** The readable form: one line per change, grouped by section. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append("Curation plan ").append(id).append(" (").append(apply ? "apply" : "dry-run, nothing is changed")
                .append("): ");
        if (changes.isEmpty()) {
            sb.append("no changes, Plex matches curation.yaml");
        } else {
            sb.append(changes.size()).append(" change(s), ").append(writes()).append(" Plex write(s)");
        }
        sb.append('\n');
        String section = null;
        int n = 0;
        for (Change c : changes) {
            if (!c.sectionId().equals(section)) {
                section = c.sectionId();
                sb.append("  ").append(sections.getOrDefault(section, "section " + section)).append(" (section ")
                        .append(section).append("):\n");
            }
            sb.append(String.format("  %3d. %s%n", ++n, c.text()));
        }
        for (String note : notes) {
            sb.append("  note: ").append(note).append('\n');
        }
        return sb.toString();
    }
}
