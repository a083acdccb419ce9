package io.projectionist.history;

import io.projectionist.support.AtomicFiles;
import io.projectionist.tautulli.HistoryWatermark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;

/** The ingestion watermark in a small file in the data folder, replaced atomically on every advance. */
public class FileHistoryWatermark implements HistoryWatermark {

    private final Path file;
    private volatile LocalDate day;

    public FileHistoryWatermark(Path file) {
        this.file = file;
        try {
            if (Files.exists(file)) {
                String text = Files.readString(file, StandardCharsets.UTF_8).strip();
                day = text.isEmpty() ? null : LocalDate.parse(text);
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read the history watermark " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<LocalDate> lastFullyRead() {
        return Optional.ofNullable(day);
    }

    @Override
    public synchronized void advance(LocalDate lastFullyRead) {
        if (day != null && !lastFullyRead.isAfter(day)) {
            return;
        }
        try {
            AtomicFiles.write(file, (lastFullyRead + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the history watermark " + file, e);
        }
        day = lastFullyRead;
    }
}
