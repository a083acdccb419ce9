package io.projectionist;

import io.projectionist.ops.SettingsValidator;
import io.projectionist.report.ReportJob;
import io.projectionist.report.ReportSettings;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Writes a viewing report now, against the configured Tautulli (and Plex when plex.url is set), and prints the
 * paths of the files. Settings are read exactly as the daemon reads them (application.properties, --config files,
 * environment variables, system properties).
 */
@Command(name = "report", mixinStandardHelpOptions = true,
         description = "Write a viewing report (HTML, Markdown, CSV, JSON) for the last N days and print the file paths.")
public class ReportCommand implements Callable<Integer> {

    @Option(names = "--days", paramLabel = "N",
            description = "Days the report covers, compared with the N days before (default: projectionist.report.days, 7).")
    Integer days;

    @Option(names = "--dir", paramLabel = "FOLDER",
            description = "Folder to write to (default: projectionist.report.dir, out/reports).")
    Path dir;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Extra properties file(s) over application.properties; later files win.")
    List<Path> configFiles = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (days != null) {
            overrides.put("projectionist.report.days", String.valueOf(days));
        }
        if (dir != null) {
            overrides.put("projectionist.report.dir", dir.toString());
        }
        try (DefaultCamelContext context = Daemon.settings(configFiles, overrides)) {
            PropertiesComponent pc = context.getPropertiesComponent();
            SettingsValidator.validate(pc);
            Function<String, Optional<String>> property = pc::resolveProperty;
            ReportSettings settings = ReportSettings.from(property);
            ReportJob.Result result = ReportJob.from(context).run(settings);
            var out = spec.commandLine().getOut();
            result.files().forEach(f -> out.println(f));
            out.flush();
            spec.commandLine().getErr().print(result.summary().text());
            spec.commandLine().getErr().flush();
            return 0;
        }
    }
}
