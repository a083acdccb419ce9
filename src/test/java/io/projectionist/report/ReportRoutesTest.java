package io.projectionist.report;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import java.time.LocalDate;

/** The report routes: the Quartz trigger is wired, a run writes the files and publishes the summary. */
class ReportRoutesTest {

    @Test
    void runWritesFilesAndPublishesTheSummaryWithOrWithoutAConsumer() throws Exception {
        Path dir = Path.of("target/report-test/route");
        ReportFromSimulatorTest.deleteRecursively(dir);
        try (SimulatedReport env = new SimulatedReport(3_000, 60, ZoneOffset.UTC, false);
             CamelContext camel = new DefaultCamelContext()) {
            Properties p = new Properties();
            p.setProperty("tautulli.url", env.sim.tautulliUrl());
            p.setProperty("tautulli.api-key", env.sim.tautulliApiKey());
            p.setProperty("projectionist.report.dir", dir.toString());
            p.setProperty("projectionist.report.cron", "0 0 8 ? * MON");
            p.setProperty("projectionist.report.summary-uri",
                    "direct:report-summary?block=false&failIfNoConsumers=false");
            camel.getPropertiesComponent().setInitialProperties(p);
            camel.addRoutes(new ReportRoutes());
            camel.start();
            assertThat(camel.getRoute("report").getEndpoint().getEndpointUri()).startsWith("quartz://projectionist/report")
                    .contains("cron=0+0+8+%3F+*+MON");
            assertThat(camel.getRoute("report-on-startup")).as("off unless asked for").isNull();
            ProducerTemplate template = camel.createProducerTemplate();

            // nobody listens on direct:report-summary: the run still succeeds
            template.sendBodyAndHeader("direct:report", null, "ProjectionistReportDays", 3);
            assertThat(dir.resolve("viewing-report-" + LocalDate.ofInstant(SimulatedReport.ANCHOR,
                    ZoneOffset.UTC).minusDays(1) + "-3d.html")).isRegularFile();

            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:report-summary").routeId("summary-listener").to("mock:summary");
                }
            });
            MockEndpoint mock = camel.getEndpoint("mock:summary", MockEndpoint.class);
            mock.expectedMessageCount(1);
            template.sendBodyAndHeader("direct:report", null, "ProjectionistReportDays", 3);
            mock.assertIsSatisfied(10_000);
            var msg = mock.getExchanges().get(0).getMessage();
            @SuppressWarnings("unchecked")
            Map<String, Object> body = msg.getBody(Map.class);
            assertThat(body).containsKeys("plays", "previous_plays", "watch_hours", "highlights", "insights", "files");
            assertThat(body.get("days")).isEqualTo(3);
            assertThat(msg.getHeader(ReportRoutes.TEXT, String.class)).startsWith("3-day viewing report");
            assertThat(msg.getHeader(ReportRoutes.FILES, List.class)).hasSize(10);
            assertThat(msg.getHeader(ReportRoutes.HTML, String.class)).endsWith("-3d.html");
        }
    }
}
