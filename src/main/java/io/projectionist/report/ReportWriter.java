package io.projectionist.report;

import io.projectionist.support.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.projectionist.support.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a report in every format and writes the files atomically into one folder, with dated names:
 * {@code viewing-report-<last date>-<days>d.html|.md|.json} and {@code …-<table>.csv}. Everything is rendered before
 * the first file is written, so a rendering error leaves the folder untouched.
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    public static String baseName(Report r) {
        return "viewing-report-" + r.meta().periodEnd() + "-" + r.meta().days() + "d";
    }

    public static String json(Report r) {
        try {
            return Json.snakeCase().writerWithDefaultPrettyPrinter().writeValueAsString(r) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("report not serialisable: " + e.getMessage(), e);
        }
    }

    /** Renders and writes; returns the files written, the HTML page first. */
    public static List<Path> write(Report r, Path dir) throws IOException {
        String base = baseName(r);
        Map<String, String> files = new LinkedHashMap<>();
        files.put(base + ".html", HtmlRenderer.render(r));
        files.put(base + ".md", MarkdownRenderer.render(r));
        files.put(base + ".json", json(r));
        CsvRenderer.render(r).forEach((table, csv) -> files.put(base + "-" + table + ".csv", csv));
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            written.add(AtomicFiles.write(dir.resolve(f.getKey()), f.getValue()));
        }
        return written;
    }
}
