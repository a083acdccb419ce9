package io.projectionist.support;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.io.IOException;

class AtomicFilesTest {

    @TempDir
    Path dir;

    static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void privateFoldersAre0700AndPrivateFiles0600WhateverTheUmask() throws Exception {
        Path audit = dir.resolve("data/policy/audit.jsonl");
        try (FileChannel ch = AtomicFiles.openPrivateAppend(audit)) {
            ch.write(ByteBuffer.wrap("{}\n".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(mode(dir.resolve("data"))).isEqualTo("rwx------");
        assertThat(mode(dir.resolve("data/policy"))).isEqualTo("rwx------");
        assertThat(mode(audit)).isEqualTo("rw-------");
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        AtomicFiles.createPrivateDirectories(shared.resolve("data"));
        assertThat(mode(shared.resolve("data"))).isEqualTo("rwx------");
        assertThat(mode(shared)).as("existing folders are left alone").isEqualTo("rwxr-xr-x");

        // an audit log an older version left world-readable is narrowed at the next append
        Path old = dir.resolve("old/audit.jsonl");
        Files.createDirectories(old.getParent());
        Files.writeString(old, "{}\n");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
        try (FileChannel ch = AtomicFiles.openPrivateAppend(old)) {
            ch.write(ByteBuffer.wrap("{}\n".getBytes(StandardCharsets.UTF_8)));
        }
        assertThat(mode(old)).isEqualTo("rw-------");
        assertThat(Files.readAllLines(old)).hasSize(2);
    }

    @Test
    void readersSeeTheOldOrTheNewContentNeverAMix() throws Exception {
        Path file = dir.resolve("report.html");
        String a = "A".repeat(2_000_000);
        String b = "B".repeat(3_000_000);
        AtomicFiles.write(file, a);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<String> bad = new AtomicReference<>();
        AtomicInteger reads = new AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    String s = Files.readString(file);
                    reads.incrementAndGet();
                    if (!(s.equals(a) || s.equals(b))) {
                        bad.set("read " + s.length() + " chars");
                    }
                } catch (Exception e) {
                    bad.set(e.toString());
                }
            }
        });
        reader.start();
        for (int i = 0; i < 20; i++) {
            AtomicFiles.write(file, i % 2 == 0 ? b : a);
        }
        done.set(true);
        reader.join();
        assertThat(bad.get()).isNull();
        assertThat(reads.get()).isPositive();
        assertThat(Files.readString(file)).isEqualTo(a);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFailedWriteLeavesNoTemporaryFileAndTheTargetUntouched() throws Exception {
        Path target = dir.resolve("busy");
        Files.createDirectories(target.resolve("inside")); // a non-empty folder cannot be replaced by a file
        assertThatThrownBy(() -> AtomicFiles.write(target, "x")).isInstanceOf(IOException.class);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
        assertThat(Files.isDirectory(target.resolve("inside"))).isTrue();
    }

    @Test
    void createsTheFolder() throws Exception {
        Path file = dir.resolve("a/b/c.md");
        AtomicFiles.write(file, "# hi\n");
        assertThat(Files.readString(file)).isEqualTo("# hi\n");
    }

    @Test
    void appendStartsWithTheHeaderThenKeepsWhatIsThere() throws Exception {
        Path file = dir.resolve("2026/03/01.csv");
        byte[] header = "id,title\n".getBytes();
        AtomicFiles.append(file, header, out -> out.write("1,A\n".getBytes()));
        AtomicFiles.append(file, header, out -> out.write("2,B\n".getBytes()));
        assertThat(Files.readString(file)).isEqualTo("id,title\n1,A\n2,B\n");
    }

    @Test
    void anAppendThatFailsHalfwayLeavesTheFileAsItWas() throws Exception {
        Path file = dir.resolve("day.jsonl");
        Files.writeString(file, "{\"row_id\":1}\n");
        assertThatThrownBy(() -> AtomicFiles.append(file, new byte[0], out -> {
            out.write("{\"row_id\":2}\n{\"row_".getBytes());
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(file)).isEqualTo("{\"row_id\":1}\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }
}
