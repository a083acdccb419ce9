package io.projectionist;

import io.projectionist.delivery.DeadLetters;
import io.projectionist.delivery.DeliveryConfig;
import io.projectionist.delivery.DeliveryRouteConfigurations;
import io.projectionist.delivery.DeliveryRoutes;
import io.projectionist.delivery.DeliveryRuntime;
import io.projectionist.delivery.Destination;
import io.projectionist.delivery.RetryAfter;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import io.projectionist.history.HistoryReplay;

/**
 * Re-sends the dead letters of {@code <data-dir>/dead-letter/<destination>/} to their destinations as configured
 * now (payload, template, signature, throttle), oldest first, and removes each one delivered. A destination stops
 * at its first failure so its events keep their order; the rest stay for the next replay. Exit code 0 when the
 * folder is empty afterwards, 1 when dead letters remain.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
         description = {"Re-send undelivered events from the dead-letter folder; delivered ones are removed.",
                 "`replay history` re-ingests the history pages parked in data/dead-letter/history instead."})
public class ReplayCommand implements Callable<Integer> {

    @picocli.CommandLine.Parameters(arity = "0..1", paramLabel = "history",
            description = "history: re-ingest parked history pages (default: webhook events)")
    String what;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Extra properties file(s) over application.properties; later files win.")
    List<Path> configFiles = new ArrayList<>();

    @Option(names = {"-d", "--destination"}, paramLabel = "NAME",
            description = "Only this destination (default: all).")
    String destination;

    @Option(names = "--retries", defaultValue = "2",
            description = "Retries per event before giving up for now (default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--list", description = "Only list the dead letters and why they failed.")
    boolean listOnly;

    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (what != null) {
            if (!"history".equals(what)) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "replay takes 'history' or nothing, not '" + what + "'");
            }
            return HistoryReplay.run(configFiles, out) == 0 ? 0 : 1;
        }
        try (DefaultCamelContext ctx = Daemon.settings(configFiles, Map.of())) {
            ctx.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
            ctx.getComponent("https", HttpComponent.class).setAutomaticRetriesDisabled(true);
            DeliveryRuntime rt = DeliveryRuntime.of(ctx);
            DeliveryConfig config = rt.config();
            DeadLetters letters = rt.deadLetters();
            ctx.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    errorHandler(DeliveryRouteConfigurations.retries(defaultErrorHandler(), rt, retries));
                    for (Destination d : config.destinations()) {
                        DeliveryRoutes.pipeline(from("direct:replay-" + d.name()).routeId("replay-" + d.name()),
                                d, config);
                    }
                }
            });
            ctx.start();
            ProducerTemplate template = ctx.createProducerTemplate();
            int delivered = 0;
            int remaining = 0;
            for (String name : letters.destinations()) {
                if (destination != null && !destination.equals(name)) {
                    continue;
                }
                List<Path> files = letters.list(name);
                if (files.isEmpty()) {
                    continue;
                }
                Optional<Destination> d = config.destination(name);
                if (listOnly || d.isEmpty()) {
                    if (d.isEmpty()) {
                        // another capability's folder (history keeps its own), or a destination removed since
                        out.printf("%s: %d file(s) left alone: not a destination in projectionist.webhooks%n",
                                name, files.size());
                        continue;
                    }
                    for (Path f : files) {
                        DeadLetters.Letter l = letters.read(f);
                        out.printf("%s: %s %s (%s, %d attempt(s)): %s%n", name, l.event().get("event"),
                                l.event().get("event_id"), l.failedAt(), l.attempts(), l.reason());
                    }
                    remaining += files.size();
                    continue;
                }
                int sent = 0;
                for (int i = 0; i < files.size(); i++) {
                    Path f = files.get(i);
                    DeadLetters.Letter l;
                    try {
                        l = letters.read(f);
                    } catch (IOException | RuntimeException e) {
                        out.printf("%s: %s is unreadable, kept: %s%n", name, f.getFileName(), e.getMessage());
                        remaining++;
                        continue;
                    }
                    Exchange ex = template.send("direct:replay-" + name, e -> e.getMessage().setBody(l.event()));
                    if (ex.getException() == null) {
                        Files.deleteIfExists(f);
                        sent++;
                    } else {
                        remaining += files.size() - i;
                        out.printf("%s: %s still fails (%s); it and %d later event(s) kept%n", name,
                                l.event().get("event_id"), RetryAfter.describe(ex.getException()),
                                files.size() - i - 1);
                        break;
                    }
                }
                delivered += sent;
                out.printf("%s: %d delivered%n", name, sent);
            }
            out.printf("replay: %d delivered, %d remaining in %s%n", delivered, remaining, letters.root());
            return remaining == 0 ? 0 : 1;
        }
    }
}
