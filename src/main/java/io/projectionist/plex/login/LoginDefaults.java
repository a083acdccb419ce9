package io.projectionist.plex.login;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import io.projectionist.ops.Settings;
import java.io.InputStreamReader;

/**
 * Where {@code login} finds its defaults, in the daemon's order: a system property ({@code -Dplex.url=…}), the
 * environment variable ({@code PLEX_URL}), {@code application.properties} in the working directory, then the one in
 * the jar. Blank values count as unset.
 */
public final class LoginDefaults {

    private final Map<String, String> env;
    private final Properties workDir;
    private final Properties jar;

    public LoginDefaults(Map<String, String> env, Path workingDirectory) {
        this.env = env;
        this.workDir = load(workingDirectory.resolve("application.properties"));
        this.jar = loadClasspath();
    }

    public static LoginDefaults system() {
        return new LoginDefaults(System.getenv(), Path.of(""));
    }

    public Optional<String> get(String key) {
        return nonBlank(System.getProperty(key))
                .or(() -> nonBlank(env.get(envName(key))))
                .or(() -> nonBlank(workDir.getProperty(key)))
                .or(() -> nonBlank(jar.getProperty(key)));
    }

    /** {@code plex.token-file} → {@code PLEX_TOKEN_FILE}. */
    public static String envName(String key) {
        return Settings.env(key);
    }

    private static Optional<String> nonBlank(String v) {
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    private static Properties load(Path file) {
        Properties p = new Properties();
        if (Files.isReadable(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                // unreadable: as if absent; the daemon reports it with context
            }
        }
        return p;
    }

    private static Properties loadClasspath() {
        Properties p = new Properties();
        try (InputStream in = LoginDefaults.class.getResourceAsStream("/application.properties")) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // as if absent
        }
        return p;
    }
}
