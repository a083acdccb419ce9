package io.projectionist.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.projectionist.support.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The dead-letter folder, {@code <data-dir>/dead-letter/<destination>/}: one JSON file per event that could not be
 * delivered after the last retry, holding the event's parameters and the reason, named so that a listing is in
 * failure order. Files are written atomically with mode 0600 (payloads name users and IP addresses).
 */
public final class DeadLetters {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final AtomicLong SEQ = new AtomicLong();

    /** One dead letter as read back. */
    public record Letter(Path file, String destination, String reason, int attempts, String failedAt,
            Map<String, Object> event) {
    }

    private final Path root;

    public DeadLetters(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path write(String destination, Map<String, Object> event, String reason, int attempts, Instant at) {
        ObjectNode node = JSON.createObjectNode();
        node.put("destination", destination);
        node.put("reason", reason);
        node.put("attempts", attempts);
        node.put("failed_at", at.toString());
        node.set("event", JSON.valueToTree(event));
        try {
            Path dir = root.resolve(destination);
            AtomicFiles.createPrivateDirectories(dir);
            String name = STAMP.format(at) + "-" + String.format("%06d", SEQ.incrementAndGet() % 1_000_000) + ".json";
            Path tmp = dir.resolve("." + name + ".tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node),
                    StandardCharsets.UTF_8);
            AtomicFiles.ownerOnly(tmp);
            Path target = dir.resolve(name);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead letter for " + destination + " under " + root, e);
        }
    }

    /** Destinations that have dead letters. */
    public List<String> destinations() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A destination's dead letters, oldest first. */
    public List<Path> list(String destination) {
        Path dir = root.resolve(destination);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json")
                    && !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int count() {
        int n = 0;
        for (String d : destinations()) {
            n += list(d).size();
        }
        return n;
    }

    public Letter read(Path file) throws IOException {
        JsonNode n = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        Map<String, Object> event = JSON.convertValue(n.path("event"), new TypeReference<>() {
        });
        return new Letter(file, n.path("destination").asText(), n.path("reason").asText(),
                n.path("attempts").asInt(), n.path("failed_at").asText(), event);
    }

    public List<Letter> readAll(String destination) throws IOException {
        List<Letter> out = new ArrayList<>();
        for (Path p : list(destination)) {
            out.add(read(p));
        }
        return out;
    }
}
