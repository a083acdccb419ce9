package io.projectionist.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.nio.file.NoSuchFileException;

/** Reads what the ingestion wrote, for assertions. */
final class HistoryOutput {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private HistoryOutput() {
    }

    static List<Path> files(Path root, String suffix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        // the daemon may be writing: its temporary files can vanish while we walk, so walk again
        for (int attempt = 0; ; attempt++) {
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
            } catch (IOException | UncheckedIOException e) {
                Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
                if (!(cause instanceof NoSuchFileException) || attempt >= 20) {
                    throw e instanceof UncheckedIOException u ? u : new UncheckedIOException((IOException) e);
                }
            }
        }
    }

    static List<JsonNode> plays(Path root) {
        List<JsonNode> plays = new ArrayList<>();
        for (Path f : files(root, ".jsonl")) {
            try {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        plays.add(MAPPER.readTree(line));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return plays;
    }

    /** How often each row id occurs in the output. */
    static Map<Long, Integer> idCounts(Path root) {
        Map<Long, Integer> counts = new HashMap<>();
        for (JsonNode p : plays(root)) {
            counts.merge(p.path("id").asLong(), 1, Integer::sum);
        }
        return counts;
    }

    static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }
}
