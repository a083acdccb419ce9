package io.projectionist.report;

import io.projectionist.ops.Settings;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.PropertiesComponent;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The viewing report on a schedule. Routes:
 * <ul>
 *   <li>{@code report} — Quartz cron {@code projectionist.report.cron} (default Mondays 08:00) → {@code direct:report}</li>
 *   <li>{@code report-on-startup} — once, {@code projectionist.report.startup-delay} ms after start, only when
 *       {@code projectionist.report.on-startup=true} (the demo turns it on)</li>
 *   <li>{@code report-run} — {@code direct:report}: fetch, build, write every format into
 *       {@code projectionist.report.dir}, then publish the summary to {@code projectionist.report.summary-uri}
 *       (default {@code direct:report-summary}, which needs no consumer).</li>
 * </ul>
 * The message published has the summary as a {@code Map} body (small JSON: headline numbers, highlights, insight
 * sentences, file paths) and headers {@value #TEXT} (a few lines of plain text), {@value #FILES} (the paths) and
 * {@value #HTML} (the HTML page).
 */
public class ReportRoutes extends RouteBuilder {

    public static final String TEXT = "ProjectionistReportText";
    public static final String FILES = "ProjectionistReportFiles";
    public static final String HTML = "ProjectionistReportHtml";

    private volatile ReportJob job;

    @Override
    public void configure() {
        PropertiesComponent pc = getContext().getPropertiesComponent();
        Function<String, Optional<String>> property = pc::resolveProperty;

        from("quartz:projectionist/report?cron={{projectionist.report.cron}}")
                .routeId("report")
                .to("direct:report");

        Settings settings = new Settings(property);
        boolean onStartup = settings.bool("projectionist.report.on-startup", false);
        settings.throwIfProblems();
        if (onStartup) {
            from("timer:report-on-startup?repeatCount=1&delay={{projectionist.report.startup-delay}}")
                    .routeId("report-on-startup")
                    .to("direct:report");
        }

        from("direct:report")
                .routeId("report-run")
                .process(exchange -> run(exchange, property))
                .log("report: ${header." + HTML + "}")
                .to("{{projectionist.report.summary-uri}}");
    }

    private void run(Exchange exchange, Function<String, Optional<String>> property) throws Exception {
        ReportJob j = job;
        if (j == null) {
            j = ReportJob.from(getContext());
            job = j;
        }
        ReportSettings settings = ReportSettings.from(property);
        Integer days = exchange.getMessage().getHeader("ProjectionistReportDays", Integer.class);
        if (days != null) {
            settings = settings.withDays(days);
        }
        ReportJob.Result result = j.run(settings);
        exchange.getMessage().setBody(result.summary().json());
        exchange.getMessage().setHeader(TEXT, result.summary().text());
        exchange.getMessage().setHeader(FILES, result.files().stream().map(Path::toString).toList());
        exchange.getMessage().setHeader(HTML, result.files().isEmpty() ? null : result.files().get(0).toString());
    }
}
