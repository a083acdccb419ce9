package io.projectionist.activity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.projectionist.support.Json;
import io.projectionist.tautulli.model.ActivitySession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What has been announced, so each (session, event) fires once even across a restart: the ids of once-per-session
 * events (started, stopped, watched), and the last snapshot of every announced session that has not stopped yet
 * (so a stream that ended while the daemon was down still gets its {@code playback.stopped}). Entries older than
 * the window are forgotten. {@link #file} keeps it in a small JSON file written atomically (temp file + rename);
 * {@link #inMemory} forgets it on restart. Not thread-safe: the differ calls it under its own lock.
 */
public final class AnnouncedStore {

    private static final ObjectMapper JSON = Json.snakeCase();

    /** An announced session still open: its last snapshot and when it was seen. */
    public record OpenSession(ActivitySession session, long lastSeenMillis) {
    }

    private final Path file;
    private final Clock clock;
    private final Duration window;
    private final Map<String, Long> announced = new LinkedHashMap<>();
    private final Map<String, OpenSession> open = new LinkedHashMap<>();
    private boolean dirty;

    private AnnouncedStore(Path file, Clock clock, Duration window) {
        this.file = file;
        this.clock = clock;
        this.window = window;
    }

    public static AnnouncedStore inMemory(Clock clock, Duration window) {
        return new AnnouncedStore(null, clock, window);
    }

    /** Loads {@code file} if it exists (an unreadable file is kept aside as {@code .corrupt} and ignored). */
    public static AnnouncedStore file(Path file, Clock clock, Duration window) {
        AnnouncedStore store = new AnnouncedStore(file, clock, window);
        store.load();
        return store;
    }

    public boolean contains(String id) {
        return announced.containsKey(id);
    }

    public void add(String id) {
        announced.put(id, clock.millis());
        dirty = true;
    }

    public Map<String, OpenSession> openSessions() {
        return Map.copyOf(open);
    }

    public void putOpen(String identity, ActivitySession session) {
        open.put(identity, new OpenSession(session, clock.millis()));
        dirty = true;
    }

    public void removeOpen(String identity) {
        if (open.remove(identity) != null) {
            dirty = true;
        }
    }

    public int size() {
        return announced.size();
    }

    /** Drops expired entries and writes the file if anything changed. */
    public void flush() {
        long oldest = clock.millis() - window.toMillis();
        dirty |= announced.values().removeIf(t -> t < oldest);
        dirty |= open.values().removeIf(o -> o.lastSeenMillis() < oldest);
        if (!dirty || file == null) {
            dirty = false;
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ObjectNode a = root.putObject("announced");
        announced.forEach(a::put);
        ObjectNode o = root.putObject("open_sessions");
        open.forEach((k, v) -> o.set(k, JSON.valueToTree(v)));
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, JSON.writeValueAsString(root), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            dirty = false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + " (projectionist.data-dir)", e);
        }
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("announced").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                announced.put(e.getKey(), e.getValue().asLong());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("open_sessions").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                open.put(e.getKey(), JSON.treeToValue(e.getValue(), OpenSession.class));
            }
        } catch (IOException | RuntimeException e) {
            try {
                Files.move(file, file.resolveSibling(file.getFileName() + ".corrupt"),
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException ignored) {
                // keep going with an empty store
            }
            announced.clear();
            open.clear();
        }
    }
}
