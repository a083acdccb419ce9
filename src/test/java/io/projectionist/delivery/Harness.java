package io.projectionist.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.projectionist.activity.ActivityFeedRoutes;
import io.projectionist.tautulli.TautulliComponent;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import java.util.HashMap;

/** A Camel context with the event and delivery routes (and, given a tautulli.url, the activity poll; no Camel Main), and helpers around a WireMock receiver. */
final class Harness implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    final DefaultCamelContext context = new DefaultCamelContext();

    Harness(Map<String, String> properties) throws Exception {
        Properties p = new Properties();
        p.putAll(properties);
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        context.getPropertiesComponent().setOverrideProperties(p);
        context.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
        if (properties.containsKey("tautulli.url")) {
            TautulliComponent t = context.getComponent("tautulli", TautulliComponent.class);
            t.setBaseUrl(properties.get("tautulli.url"));
            t.setApiKey(properties.get("tautulli.api-key"));
        }
        context.addRoutes(new DeliveryRouteConfigurations());
        if (properties.containsKey("tautulli.url")) {
            context.addRoutes(new ActivityFeedRoutes()); // the events' source: the one activity poll
        }
        context.addRoutes(new DeliveryRoutes());
        context.start();
    }

    void send(Object event) {
        context.createProducerTemplate().sendBody(DeliveryRoutes.EVENT, event);
    }

    @Override
    public void close() {
        context.stop();
    }

    /** One request the receiver got. */
    record Received(long at, int status, String path, JsonNode body, Map<String, String> headers) {
        String event() {
            return body.path("event").asText();
        }

        String id() {
            return body.path("event_id").asText();
        }
    }

    /** Every request to {@code wm}, oldest first. */
    static List<Received> received(WireMockServer wm) {
        List<Received> out = new ArrayList<>();
        for (ServeEvent e : wm.getAllServeEvents()) {
            try {
                Map<String, String> headers = new HashMap<>();
                e.getRequest().getHeaders().all().forEach(h -> headers.put(h.key().toLowerCase(), h.firstValue()));
                out.add(new Received(e.getRequest().getLoggedDate().getTime(), e.getResponse().getStatus(),
                        e.getRequest().getUrl(), JSON.readTree(e.getRequest().getBodyAsString()), headers));
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }
        out.sort(Comparator.comparingLong(Received::at));
        return out;
    }

    static boolean await(BooleanSupplier condition, long timeoutMillis) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    /** A receiver that accepts {@code perSecond} requests per clock second and answers the rest 429 Retry-After. */
    static final class RateLimit implements ResponseDefinitionTransformerV2 {
        final int perSecond;
        final String retryAfter;
        long window = -1;
        int count;

        RateLimit(int perSecond, String retryAfter) {
            this.perSecond = perSecond;
            this.retryAfter = retryAfter;
        }

        @Override
        public synchronized ResponseDefinition transform(ServeEvent serveEvent) {
            long w = System.currentTimeMillis() / 1000;
            if (w != window) {
                window = w;
                count = 0;
            }
            if (++count > perSecond) {
                return responseDefinition().withStatus(429).withHeader("Retry-After", retryAfter)
                        .withBody("{\"message\": \"You are being rate limited.\"}").build();
            }
            return serveEvent.getResponseDefinition();
        }

        @Override
        public String getName() {
            return "rate-limit";
        }
    }
}
