package io.projectionist.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes secrets (API keys, tokens) kept in files. A secret file must not be readable by group or
 * others: a readable one is refused rather than used, so a leaked key is noticed. Messages name the file and the
 * setting, never the secret.
 */
public final class SecretFiles {

    private static final Set<PosixFilePermission> OPEN_BITS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFiles() {
    }

    /**
     * Reads the first non-blank line of a secret file.
     *
     * @param file    the file
     * @param setting the setting that named the file, for error messages
     */
    public static String read(Path file, String setting) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(setting + ": secret file " + file + " does not exist");
        }
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                Set<PosixFilePermission> open = EnumSet.copyOf(OPEN_BITS);
                open.retainAll(perms);
                if (!open.isEmpty()) {
                    throw new IllegalArgumentException(setting + ": secret file " + file + " has mode "
                            + PosixFilePermissions.toString(perms) + "; it must be readable by its owner only (chmod 600 "
                            + file + ")");
                }
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    return line.strip();
                }
            }
            throw new IllegalArgumentException(setting + ": secret file " + file + " is empty");
        } catch (IOException e) {
            throw new IllegalArgumentException(setting + ": cannot read secret file " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /** Writes a secret atomically with mode 0600 (the file is never visible with wider permissions). */
    public static void write(Path file, String secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(tmp, secret + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
