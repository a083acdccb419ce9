package io.projectionist;

import io.projectionist.curation.CurationSetup;
import io.projectionist.curation.Reconciler;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import io.projectionist.ops.ConfigurationException;

/**
 * One curation run now: plans the home-screen changes curation.yaml asks for and prints the plan; with
 * {@code --apply} executes, verifies and audits them. Settings are read as the daemon reads them.
 */
@Command(name = "curate", mixinStandardHelpOptions = true,
         description = "Plan (default) or --apply the collections and home-screen hubs of curation.yaml, once.")
public class CurateCommand implements Callable<Integer> {

    @Option(names = "--apply", description = "Apply the plan to Plex, verify it and log every write "
            + "(default: projectionist.curation.apply, false = dry-run).")
    Boolean apply;

    @Option(names = "--file", paramLabel = "FILE", description = "The curation file (default: projectionist.curation.file, curation.yaml).")
    String file;

    @Option(names = "--json", description = "Print the plan as JSON instead of text.")
    boolean json;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Extra properties file(s) over application.properties; later files win.")
    List<Path> configFiles = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (file != null) {
            overrides.put("projectionist.curation.file", file);
        }
        try (DefaultCamelContext context = Daemon.settings(configFiles, overrides)) {
            PropertiesComponent pc = context.getPropertiesComponent();
            CurationSetup.Setup setup = CurationSetup.from(context);
            if (!setup.enabled()) {
                throw new ConfigurationException("curation is off: " + setup.why());
            }
            Reconciler.Outcome o;
            try {
                o = setup.reconciler().run(apply != null ? apply : setup.apply());
            } catch (RuntimeException e) {
                spec.commandLine().getErr().println("projectionist: curation stopped: " + e.getMessage()
                        + " (what was applied is in the audit log; run again to complete the rest)");
                return 1;
            }
            var out = spec.commandLine().getOut();
            if (json) {
                Path planJson = o.files().stream().filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
                out.print(Files.readString(planJson));
            } else {
                out.print(o.summary());
                o.files().forEach(f -> out.println("  written: " + f));
            }
            out.flush();
            return o.complete() ? 0 : 1;
        }
    }
}
