package io.projectionist.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.io.TempDir;

/**
 * application.properties is the one list of options: every {@code projectionist.*} key the code or the shipped
 * routes read is documented there with a comment, and the audit catches unknown keys and malformed values.
 */
class ConfigDocumentedTest {

    /** A projectionist.* key in code: a string literal or a {{placeholder}}, not a package name. */
    static final Pattern KEY = Pattern.compile("(?<![\\w.$/-])projectionist\\.[a-z][a-z0-9-]*(?:\\.[a-z0-9][a-z0-9-]*)*\\.?");

    static Set<String> keysUsedInCode() throws IOException {
        Set<String> keys = new TreeSet<>();
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("routes"), Path.of("src/main/resources"))) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".java")
                        || p.toString().endsWith(".yaml")).forEach(files::add);
            }
        }
        for (Path file : files) {
            Matcher m = KEY.matcher(Files.readString(file));
            while (m.find()) {
                keys.add(m.group());
            }
        }
        return keys;
    }

    @Test
    void everyKeyReadInCodeIsDocumentedWithAComment() throws IOException {
        String text = Files.readString(Path.of("application.properties"));
        Map<String, String> documented = ConfigAudit.parse(new StringReader(text));
        Set<String> used = keysUsedInCode();
        assertThat(used).as("keys found in the sources").contains("projectionist.data-dir", "projectionist.policy.mode",
                "projectionist.history.page-size");
        List<String> missing = new ArrayList<>();
        for (String key : used) {
            boolean ok = key.endsWith(".")
                    // a prefix a key is built from ("projectionist.load." + metric + ".high")
                    ? documented.keySet().stream().anyMatch(k -> k.startsWith(key))
                            || ConfigAudit.OPEN_PREFIXES.stream().anyMatch(p -> p.startsWith(key) || key.startsWith(p))
                    : documented.containsKey(key) || ConfigAudit.OPEN_PREFIXES.stream().anyMatch(key::startsWith)
                            // a namespace constant ("projectionist.policy" + ".mode")
                            || documented.keySet().stream().anyMatch(k -> k.startsWith(key + "."));
            if (!ok) {
                missing.add(key);
            }
        }
        assertThat(missing).as("projectionist.* keys read by the code but missing from application.properties").isEmpty();

        // every projectionist.* key has a comment in its block (the lines since the last blank or ## line)
        List<String> lines = text.lines().toList();
        List<String> uncommented = new ArrayList<>();
        boolean commentInBlock = false;
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("##")) {
                commentInBlock = false;
            } else if (l.startsWith("#")) {
                commentInBlock = true;
            } else if (l.startsWith("projectionist.") && !commentInBlock) {
                uncommented.add(l);
            }
        }
        assertThat(uncommented).as("documented keys without a comment").isEmpty();
    }

    @Test
    void theScannerFindsKeysAndIgnoresPackages() {
        Matcher m = KEY.matcher("import io.projectionist.ops.X; p(\"projectionist.history.page-size\"); "
                + "\"{{projectionist.out-dir}}/x\"; \"projectionist.load.\" + m");
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        assertThat(found).containsExactly("projectionist.history.page-size", "projectionist.out-dir",
                "projectionist.load.");
    }

    @Test
    void unknownKeysAndMalformedValuesAreNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("mine.properties");
        Files.writeString(file, """
                projectionist.histroy.enabled = false
                projectionist.history.page-size = 500
                projectionist.webhooks.hook.url = https://example.org/h
                projectionist.policy.rules.x.message = hi
                tautulli.api_key = nope
                camel.main.name = other
                """);
        assertThat(ConfigAudit.unknownKeys(file)).containsExactly(
                "unknown option projectionist.histroy.enabled in " + file
                        + " (did you mean projectionist.history.enabled?)",
                "unknown option tautulli.api_key in " + file + " (did you mean tautulli.api-key?)");
        assertThat(ConfigAudit.unknownEnvironment(Map.of("PROJECTIONIST_OUT_DIR", "x", "PROJECTIONIST_LOG_FORMAT",
                "json", "PROJECTIONIST_WEBHOOKS_HOOK_URL", "u", "PROJECTIONIST_OUTDIR", "y", "HOME", "/root")))
                .containsExactly("unknown environment variable PROJECTIONIST_OUTDIR (did you mean PROJECTIONIST_OUT_DIR,"
                        + " for projectionist.out-dir?)");
        Map<String, String> values = Map.of("projectionist.history.page-size", "lots",
                "projectionist.history.csv", "yes", "projectionist.report.cron", "every monday",
                "projectionist.history.enabled", "TRUE", "projectionist.upstream.retries", "3");
        assertThat(ConfigAudit.malformedValues(k -> Optional.ofNullable(values.get(k)))).containsExactlyInAnyOrder(
                "projectionist.history.page-size (PROJECTIONIST_HISTORY_PAGE_SIZE) must be a whole number, not 'lots'",
                "projectionist.history.csv (PROJECTIONIST_HISTORY_CSV) must be true or false, not 'yes'",
                "projectionist.report.cron (PROJECTIONIST_REPORT_CRON) 'every monday' is not a Quartz cron expression"
                        + " (seconds minutes hours day-of-month month day-of-week, e.g. 0/10 * * * * ?)");
    }
}
