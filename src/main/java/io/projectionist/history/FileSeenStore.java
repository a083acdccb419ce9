package io.projectionist.history;

import io.projectionist.support.AtomicFiles;
import io.projectionist.tautulli.model.HistoryRow;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Committed row ids in an append-only file in the data folder ({@code id started} per line), mirrored in memory.
 * Bounded: ids of plays that started before the re-read window are pruned, and the file is compacted when it has
 * grown to twice what it holds. One append per committed page, not per row.
 */
public class FileSeenStore implements SeenPlays.Store {

    private final Path file;
    private final Map<Long, Long> startedById = new HashMap<>();
    private long linesInFile;
    private BufferedWriter out;

    public FileSeenStore(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            // creating the folder is a write: an unwritable data folder must not read as "cannot read"
            throw new UncheckedIOException("cannot write " + file + ": cannot create the folder "
                    + file.getParent() + " (" + e + ")", e);
        }
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                    int sp = line.indexOf(' ');
                    if (sp > 0) {
                        try {
                            startedById.put(Long.parseLong(line.substring(0, sp)), Long.parseLong(line.substring(sp + 1)));
                            linesInFile++;
                        } catch (NumberFormatException torn) {
                            // a line cut by a crash: the row was not committed, it will be re-read
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public synchronized boolean contains(long id) {
        return startedById.containsKey(id);
    }

    @Override
    public synchronized void addAll(Collection<HistoryRow> rows) {
        try {
            if (out == null) {
                out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            for (HistoryRow row : rows) {
                long started = row.started() == null ? 0 : row.started();
                if (startedById.put(row.id(), started) == null) {
                    out.write(row.id() + " " + started + "\n");
                    linesInFile++;
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public synchronized void pruneStartedBefore(long epochSeconds) {
        startedById.values().removeIf(started -> started < epochSeconds);
        if (linesInFile > 2L * startedById.size() + 1000) {
            compact();
        }
    }

    private void compact() {
        StringBuilder sb = new StringBuilder(startedById.size() * 20);
        startedById.forEach((id, started) -> sb.append(id).append(' ').append(started).append('\n'));
        try {
            if (out != null) {
                out.close();
                out = null;
            }
            AtomicFiles.write(file, sb.toString().getBytes(StandardCharsets.US_ASCII));
            linesInFile = startedById.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compact " + file, e);
        }
    }

    @Override
    public synchronized long size() {
        return startedById.size();
    }

    @Override
    public synchronized void close() {
        try {
            if (out != null) {
                out.close();
                out = null;
            }
        } catch (IOException ignored) {
            // appends were flushed at each commit
        }
    }

    List<Long> idsForTest() {
        synchronized (this) {
            return List.copyOf(startedById.keySet());
        }
    }
}
