package io.projectionist.report;

import io.projectionist.DemoCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo writes a viewing report on its own, within a minute of starting (shipped settings, no overrides). */
class DemoReportTest {

    @Test
    void demoWritesAReportWithinAMinute() throws Exception {
        Path out = Path.of("target/report-test/demo");
        ReportFromSimulatorTest.deleteRecursively(out);
        long start = System.nanoTime();
        CompletableFuture<Integer> demo = CompletableFuture.supplyAsync(() -> new CommandLine(new DemoCommand())
                .execute("--plays", "3000", "--out", out.toString(), "--duration", "18"));
        Path html = null;
        while (html == null && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(60) && !demo.isDone()) {
            Thread.sleep(250);
            html = find(out.resolve("reports"));
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
        assertThat(html).as("report written by the demo").isNotNull();
        assertThat(seconds).isLessThan(60);
        assertThat(Files.readString(html)).contains("Weekly viewing report").contains("<svg");
        assertThat(demo.get(60, TimeUnit.SECONDS)).isZero();
    }

    static Path find(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".html")).findFirst().orElse(null);
        }
    }
}
