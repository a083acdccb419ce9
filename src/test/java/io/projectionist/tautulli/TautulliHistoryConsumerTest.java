package io.projectionist.tautulli;

import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;
import io.projectionist.tautulli.model.HistoryRow;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.function.BooleanSupplier;

/**
 * {@code tautulli:history} with a route that finishes pages asynchronously (its last step on a thread of its own,
 * as the ingestion's writer): the next page is processed meanwhile, and the watermark only ever covers pages that
 * completed.
 */
class TautulliHistoryConsumerTest extends CamelTestSupport {

    static Simulator sim;
    static final int PAGE = 400;

    /** What the asynchronous step saw: each page's first and last day, and the watermark at that moment. */
    record Seen(LocalDate first, LocalDate last, Optional<LocalDate> watermark) {
    }

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final HistoryWatermark watermark = HistoryWatermark.inMemory();
    final CountDownLatch secondPageEntered = new CountDownLatch(1);
    final AtomicBoolean overlapped = new AtomicBoolean();
    volatile int failOnPage = -1;

    @BeforeAll
    static void startSimulator() throws Exception {
        sim = Simulator.start(SimulatorOptions.defaults().withPlays(3000).withSeed(21));
    }

    @AfterAll
    static void stopSimulator() {
        sim.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        TautulliComponent tautulli = new TautulliComponent();
        tautulli.setBaseUrl(sim.tautulliUrl());
        tautulli.setApiKey(sim.tautulliApiKey());
        context.addComponent("tautulli", tautulli);
        context.getRegistry().bind("wm", watermark);
        return context;
    }

    @Override
    protected RoutesBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("tautulli:history?length=" + PAGE + "&timeZone=UTC&watermark=#wm&delay=3600000&initialDelay=100")
                        .routeId("history").autoStartup(false)
                        .process(e -> {
                            if (e.getMessage().getHeader(TautulliConstants.HISTORY_START, Integer.class) > 0) {
                                secondPageEntered.countDown();
                            }
                        })
                        .threads(1, 1)
                        .process(e -> {
                            int start = e.getMessage().getHeader(TautulliConstants.HISTORY_START, Integer.class);
                            if (start == 0) {
                                // the first page finishes only once the consumer has handed over the second
                                overlapped.set(secondPageEntered.await(10, TimeUnit.SECONDS));
                            }
                            List<HistoryRow> rows = e.getMessage().getBody(List.class);
                            seen.add(new Seen(day(rows.get(0)), day(rows.get(rows.size() - 1)),
                                    watermark.lastFullyRead()));
                            if (seen.size() == failOnPage) {
                                throw new IllegalStateException("page " + failOnPage + " cannot be written");
                            }
                        });
            }
        };
    }

    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    static LocalDate day(HistoryRow row) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(row.started()), ZoneOffset.UTC);
    }

    @Test
    void pagesOverlapButTheWatermarkCoversOnlyCompletedPages() throws Exception {
        context.getRouteController().startRoute("history");
        int pages = (3000 + PAGE - 1) / (PAGE - TautulliHistoryConsumer.PAGE_OVERLAP);
        waitUntil(() -> seen.size() >= pages - 1 && watermark.lastFullyRead().isPresent()
                && watermark.lastFullyRead().get().equals(seen.get(seen.size() - 1).last().minusDays(1)));
        assertThat(overlapped).as("page 2 entered the route before page 1 completed").isTrue();
        for (int i = 1; i < seen.size(); i++) {
            // while page i is finished, the watermark is at most the day before page i-1's last play (the consumer
            // may not even have got there yet): never past a page that has not completed
            LocalDate bound = seen.get(i - 1).last().minusDays(1);
            seen.get(i).watermark().ifPresent(w -> assertThat(w).isBeforeOrEqualTo(bound));
        }
    }

    @Test
    void aPageThatFailsStopsThePollWithTheWatermarkAtTheLastCompletedPage() throws Exception {
        failOnPage = 3;
        context.getRouteController().startRoute("history");
        waitUntil(() -> seen.size() >= 3);
        Thread.sleep(1000); // the page in flight behind the failed one completes; nothing else comes
        assertThat(seen).hasSizeLessThanOrEqualTo(4);
        assertThat(watermark.lastFullyRead()).contains(seen.get(1).last().minusDays(1));
    }
}
