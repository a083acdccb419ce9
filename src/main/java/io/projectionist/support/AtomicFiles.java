package io.projectionist.support;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.io.Closeable;

/**
 * Writes a file so readers (and a crash) see the old content or the new, never half: the bytes go to a hidden
 * temporary file in the same folder, are flushed to disk, and the temporary file is renamed over the target.
 * Used for every file Projectionist hands to users or needs after a restart.
 *
 * <p>State that holds personal data (the data folder: audit logs with user names and IP addresses, dead letters)
 * is kept private with {@link #createPrivateDirectories} (0700), {@link #openPrivateAppend} and {@link #ownerOnly}
 * (0600), whatever the umask.
 */
public final class AtomicFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private AtomicFiles() {
    }

    /**
     * Creates a folder and its missing parents with mode 0700 (on POSIX file systems). Folders that exist are left
     * as they are: an existing data folder may be shared on purpose.
     */
    public static Path createPrivateDirectories(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath().normalize();
        if (!POSIX) {
            Files.createDirectories(abs);
            return dir;
        }
        Deque<Path> missing = new ArrayDeque<>();
        for (Path p = abs; p != null && !Files.isDirectory(p); p = p.getParent()) {
            missing.push(p);
        }
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(OWNER_DIR);
        for (Path p : missing) {
            try {
                Files.createDirectory(p, mode);
            } catch (FileAlreadyExistsException e) {
                if (!Files.isDirectory(p)) {
                    throw e;
                }
            }
        }
        return dir;
    }

    /** Makes a file readable and writable by its owner only (0600); nothing on a non-POSIX file system. */
    public static void ownerOnly(Path file) throws IOException {
        if (POSIX && !OWNER_FILE.equals(Files.getPosixFilePermissions(file))) {
            Files.setPosixFilePermissions(file, OWNER_FILE);
        }
    }

    /**
     * Opens a private file for appending: its missing folders are created 0700 and a new file 0600; an existing
     * file with wider permissions (written by an older version) is narrowed to 0600.
     */
    public static FileChannel openPrivateAppend(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            createPrivateDirectories(parent);
        }
        Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        FileChannel ch = POSIX ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(OWNER_FILE))
                : FileChannel.open(file, options);
        try {
            ownerOnly(file);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    public static Path write(Path target, String content) throws IOException {
        return write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    public static Path write(Path target, byte[] content) throws IOException {
        return write(target, content, new byte[0]);
    }

    /** Writes {@code head} (often the file's current content) followed by {@code tail}: an atomic append. */
    public static Path write(Path target, byte[] head, byte[] tail) throws IOException {
        return replace(target, out -> {
            out.write(head);
            out.write(tail);
        });
    }

    /** Produces a file's new bytes. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Appends atomically: the current file (or {@code ifAbsent} when there is none, e.g. a CSV header) is copied
     * to the temporary file by the operating system, without passing through the heap, then {@code tail} is
     * written after it and the result renamed over the target.
     */
    public static Path append(Path target, byte[] ifAbsent, Content tail) throws IOException {
        try (Pending pending = open(target, ifAbsent)) {
            tail.writeTo(pending.out());
            return pending.publish();
        }
    }

    /**
     * Starts an append that stays open across several writes and is published once: {@code .NAME.partial} next
     * to the target holds the target's content (or {@code ifAbsent}) and then whatever is written to
     * {@link Pending#out()}; readers see nothing of it until {@link Pending#publish()} renames it over the target.
     * A crash leaves the partial file behind; the next {@code open} of the same target replaces it.
     */
    public static Pending open(Path target, byte[] ifAbsent) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + ".partial");
        boolean copied = false;
        if (Files.exists(target)) {
            Files.copy(target, tmp, StandardCopyOption.REPLACE_EXISTING);
            copied = true;
        }
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, copied ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING),
                1 << 16);
        Pending pending = new Pending(target, tmp, out);
        if (!copied && ifAbsent != null) {
            try {
                out.write(ifAbsent);
            } catch (IOException e) {
                pending.close();
                throw e;
            }
        }
        return pending;
    }

    /** An open append: write to {@link #out()}, then {@link #publish()}; closing without publishing discards it. */
    public static final class Pending implements Closeable {
        private final Path target;
        private final Path tmp;
        private final OutputStream out;
        private boolean done;
        private boolean synced;

        private Pending(Path target, Path tmp, OutputStream out) {
            this.target = target;
            this.tmp = tmp;
            this.out = out;
        }

        public Path target() {
            return target;
        }

        public OutputStream out() {
            return out;
        }

        /**
         * Flushes the new content to disk without publishing it, so that several files can then be renamed
         * back to back ({@link #publish()} does only the rename after this).
         */
        public void sync() throws IOException {
            if (done) {
                throw new IllegalStateException(target + " was already published or discarded");
            }
            if (!synced) {
                out.close();
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                synced = true;
            }
        }

        /** Flushes to disk and renames over the target: readers see the old content or all of the new. */
        public Path publish() throws IOException {
            if (done) {
                throw new IllegalStateException(target + " was already published or discarded");
            }
            try {
                sync();
                done = true;
                move(tmp, target);
                return target;
            } finally {
                Files.deleteIfExists(tmp);
            }
        }

        /** Drops what was appended; the target stays as it was. */
        @Override
        public void close() {
            if (done) {
                return;
            }
            done = true;
            try {
                out.close();
            } catch (IOException ignored) {
                // the partial file is deleted anyway
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a later open of the same target replaces it
            }
        }
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Path replace(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING), 1 << 16)) {
                content.writeTo(out);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            move(tmp, target);
            return target;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
