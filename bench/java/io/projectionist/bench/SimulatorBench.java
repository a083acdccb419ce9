package io.projectionist.bench;

import io.projectionist.sim.Simulator;
import io.projectionist.sim.SimulatorOptions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * How fast the simulator generates a large world and serves history pages: the floor under every ingestion
 * benchmark. Run: mvn -B -Pbench test-compile exec:java -Dexec.mainClass=io.projectionist.bench.SimulatorBench
 * [-Dexec.args="1000000 10000"]
 */
public final class SimulatorBench {

    public static void main(String[] args) throws Exception {
        int plays = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int page = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        long t0 = System.nanoTime();
        try (Simulator sim = Simulator.start(SimulatorOptions.defaults().withPlays(plays))) {
            double genMs = (System.nanoTime() - t0) / 1e6;
            HttpClient http = HttpClient.newHttpClient();
            long bytes = 0;
            long t1 = System.nanoTime();
            int pages = 0;
            for (int start = 0; start < plays; start += page, pages++) {
                String body = "apikey=" + sim.tautulliApiKey() + "&cmd=get_history&grouping=0&order_column=started"
                        + "&order_dir=asc&include_activity=0&start=" + start + "&length=" + page;
                HttpResponse<byte[]> rsp = http.send(HttpRequest.newBuilder(URI.create(sim.tautulliUrl() + "/api/v2"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                bytes += rsp.body().length;
            }
            double serveS = (System.nanoTime() - t1) / 1e9;
            System.out.printf("plays=%d generate=%.0f ms pages=%d page=%d served=%.1f MB in %.2f s (%.0f rows/s)%n",
                    plays, genMs, pages, page, bytes / 1e6, serveS, plays / serveS);
        }
    }
}
