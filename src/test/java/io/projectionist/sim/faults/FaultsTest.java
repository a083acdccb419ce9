package io.projectionist.sim.faults;

import static io.projectionist.sim.SimTestSupport.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.projectionist.sim.SimClock;
import io.projectionist.sim.SimTestSupport;
import io.projectionist.sim.SimTestSupport.Reply;
import io.projectionist.sim.Simulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FaultsTest {

    static Simulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulator.start(SimTestSupport.options(200), SimClock.fixed(SimTestSupport.ANCHOR));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void reset() {
        sim.tautulliFaults().reset();
    }

    @Test
    void nextResponsesFailInOrderThenRecover() {
        Faults f = sim.tautulliFaults();
        f.rateLimitNext(2, 7).badGatewayNext(1).serverErrorNext(1);
        assertThat(f.pending()).isEqualTo(4);
        Reply a = api(sim, "cmd", "status");
        assertThat(a.status()).isEqualTo(429);
        assertThat(a.headers()).containsEntry("retry-after", "7");
        assertThat(api(sim, "cmd", "status").status()).isEqualTo(429);
        Reply b = api(sim, "cmd", "status");
        assertThat(b.status()).isEqualTo(502);
        assertThat(b.contentType()).startsWith("text/html");
        assertThat(b.body()).contains("502 Bad Gateway");
        assertThat(api(sim, "cmd", "status").status()).isEqualTo(500);
        Reply ok = api(sim, "cmd", "status");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.result()).isEqualTo("success");
        assertThat(f.injected()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void htmlInsteadOfJson() {
        sim.tautulliFaults().htmlNext(1);
        Reply r = api(sim, "cmd", "get_history");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.body()).contains("<title>Sign in</title>");
        assertThatThrownBy(r::json).isInstanceOf(RuntimeException.class);
    }

    @Test
    void truncatedBodyIsAPrefixOfTheRealOne() {
        Reply full = api(sim, "cmd", "get_history", "length", "5");
        sim.tautulliFaults().truncateNext(1);
        Reply cut = api(sim, "cmd", "get_history", "length", "5");
        assertThat(cut.status()).isEqualTo(200);
        assertThat(cut.body()).isNotEmpty();
        assertThat(full.body()).startsWith(cut.body());
        assertThat(cut.body().length()).isLessThan(full.body().length());
        assertThatThrownBy(cut::json).isInstanceOf(RuntimeException.class);
    }

    @Test
    void latency() {
        sim.tautulliFaults().latency(Duration.ofMillis(300));
        long t0 = System.nanoTime();
        assertThat(api(sim, "cmd", "status").status()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(290);
        sim.tautulliFaults().latency(Duration.ZERO);
        long t1 = System.nanoTime();
        api(sim, "cmd", "status");
        assertThat((System.nanoTime() - t1) / 1_000_000).isLessThan(290);
    }
}
