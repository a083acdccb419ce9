package io.projectionist.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.projectionist.support.AtomicFiles;
import io.projectionist.support.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The curation audit log: one JSON line per write made to Plex (when, what, before, after, result), appended and
 * flushed to disk right after the write, so a crash midway still leaves a record of what was applied. Verification
 * results follow as {@code "event":"verify"} lines.
 */
public final class AuditLog {

    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized void append(Map<String, Object> entry) {
        try {
            byte[] line = (Json.snakeCase().writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = AtomicFiles.openPrivateAppend(file)) {
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(false);
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit entry is not serialisable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the curation audit log " + file, e);
        }
    }

    /** Every line, for tests and tools. */
    public List<String> lines() throws IOException {
        return Files.exists(file) ? Files.readAllLines(file) : new ArrayList<>();
    }
}
