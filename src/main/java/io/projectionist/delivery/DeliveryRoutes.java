package io.projectionist.delivery;

import io.projectionist.activity.ActivityEvent;
import io.projectionist.activity.ActivityEvents;
import io.projectionist.activity.ActivityFeed;
import io.projectionist.tautulli.model.Activity;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.ProcessorDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.builder.Builder;

/**
 * Session events and their delivery.
 *
 * <pre>
 * activity feed: seda:projectionist-activity.events ─► ActivityEvents ─► split ─► direct:projectionist-event
 * failed polls: seda:projectionist-activity-failures.events ─► ActivityEvents (tautulli.unreachable) ─► split ─► (same)
 * direct:projectionist-event ─► parameters ─► multicast ─┬─► out/events/&lt;date&gt;.jsonl (audit)
 *                                                        ├─► seda:projectionist-events (YAML routes subscribe)
 *                                                        └─► recipientList: seda:projectionist-delivery-&lt;name&gt;
 * seda:projectionist-delivery-&lt;name&gt; (one consumer: in order) ─► throttle ─► render ─► http / file
 *                                   (route configuration projectionist-delivery: retries, Retry-After, DLC)
 * direct:projectionist-deliver (header ProjectionistDestination) ─► one named destination, for YAML routes
 * </pre>
 */
public class DeliveryRoutes extends RouteBuilder {

    private static final Logger EVENTS = LoggerFactory.getLogger("io.projectionist.events");
    private static final Logger LOG = LoggerFactory.getLogger("io.projectionist.delivery");

    /** Where events enter (an {@link ActivityEvent} or its parameter map). */
    public static final String EVENT = "direct:projectionist-event";
    /** What YAML routes consume: one message per event, the body a map of Tautulli-named parameters. */
    public static final String PUBLISH = "seda:projectionist-events";
    /** Send an event to one configured destination named by the header {@value #DESTINATION_HEADER}. */
    public static final String DELIVER = "direct:projectionist-deliver";
    public static final String DESTINATION_HEADER = "ProjectionistDestination";
    static final String DEAD_LETTER = "direct:projectionist-dead-letter";
    private static final String EVENT_PROPERTY = "projectionistEvent";
    private static final String RECIPIENTS = "projectionistRecipients";

    private final Set<String> unknownWarned = ConcurrentHashMap.newKeySet();

    @Override
    public void configure() {
        DeliveryRuntime rt = DeliveryRuntime.of(getCamelContext());
        DeliveryConfig c = rt.config();
        if (c.eventsEnabled()) {
            // snapshots and failed polls arrive on two consumer threads: one differ state, one at a time
            ActivityEvents events = rt.events();
            from(ActivityFeed.subscriber("events")).routeId("activity-events")
                    .process(e -> {
                        synchronized (events) {
                            e.getMessage().setBody(events.onSnapshot(e.getMessage().getBody(Activity.class)));
                        }
                    })
                    .split(body()).to(EVENT);
            // enough failed polls in a row become tautulli.unreachable
            from(ActivityFeed.failureSubscriber("events")).routeId("activity-events-failures")
                    .process(e -> {
                        synchronized (events) {
                            e.getMessage().setBody(events.onPollFailure(e.getMessage().getBody(Throwable.class)));
                        }
                    })
                    .split(body()).to(EVENT);
        }

        from(EVENT).routeId("event-fanout")
                .process(e -> {
                    Map<String, Object> p = parameters(e.getMessage().getBody(), c);
                    e.getMessage().setBody(p);
                    EVENTS.info("{}: {}", p.get("event"), Payloads.headline(p));
                    List<String> to = new ArrayList<>();
                    for (Destination d : c.destinations()) {
                        if (d.accepts(p)) {
                            to.add(d.queueUri());
                        }
                    }
                    e.setProperty(RECIPIENTS, to);
                })
                .multicast().to("direct:projectionist-event-audit", "direct:projectionist-event-publish",
                        "direct:projectionist-event-route").end();

        from("direct:projectionist-event-audit").routeId("event-audit")
                .filter(constant(c.audit()))
                .process(e -> e.getMessage().setBody(Payloads.json(e.getMessage().getBody()) + "\n"))
                .to("file:" + c.outDir().resolve("events") + "?fileName=${date:now:yyyy-MM-dd}.jsonl&fileExist=Append");

        from("direct:projectionist-event-publish").routeId("event-publish")
                .to(PUBLISH + "?discardIfNoConsumers=true");

        from("direct:projectionist-event-route").routeId("event-route")
                .recipientList(exchangeProperty(RECIPIENTS));

        from(DELIVER).routeId("event-deliver")
                .process(e -> {
                    String name = e.getMessage().getHeader(DESTINATION_HEADER, String.class);
                    e.getMessage().removeHeader(DESTINATION_HEADER);
                    e.getMessage().setBody(parameters(e.getMessage().getBody(), c));
                    e.setProperty(RECIPIENTS, c.destination(name == null ? "" : name.strip())
                            .map(d -> List.of(d.queueUri())).orElseGet(() -> {
                                (unknownWarned.add(String.valueOf(name)) ? LOG.atWarn() : LOG.atDebug()).log(
                                        "no destination named '{}' (projectionist.webhooks lists: {}); its events"
                                        + " are dropped", name, c.destinations().stream().map(Destination::name).toList());
                                return List.of();
                            }));
                })
                .recipientList(exchangeProperty(RECIPIENTS));

        for (Destination d : c.destinations()) {
            pipeline(from(d.queueUri()).routeId("delivery-" + d.name())
                    .routeConfigurationId(DeliveryRouteConfigurations.DELIVERY), d, c);
        }

        from(DEAD_LETTER).routeId("dead-letter")
                .process(e -> {
                    String dest = e.getProperty(RetryAfter.DESTINATION, "unknown", String.class);
                    Throwable cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                    int attempts = e.getProperty(RetryAfter.ATTEMPTS, 1, Integer.class);
                    Object original = e.getProperty(EVENT_PROPERTY) != null ? e.getProperty(EVENT_PROPERTY)
                            : e.getMessage().getBody();
                    Map<String, Object> p = parameters(original, c);
                    var file = rt.deadLetters().write(dest, p, RetryAfter.describe(cause), attempts,
                            rt.clock().instant());
                    LOG.error("delivery of {} {} to {} gave up after {} attempt(s): {}; kept as {} (re-send with"
                            + " `projectionist replay`)", p.get("event"), p.get("event_id"), dest, attempts,
                            RetryAfter.describe(cause), file);
                });
    }

    /** Throttle, render, send: the same steps for delivery and replay. */
    public static void pipeline(ProcessorDefinition<?> route, Destination d, DeliveryConfig c) {
        route.setProperty(RetryAfter.DESTINATION, Builder.constant(d.name()))
                .throttle(d.throttle()).timePeriodMillis(d.throttlePeriodMillis())
                .process(render(d))
                .to(endpointUri(d, c));
    }

    static Processor render(Destination d) {
        return e -> {
            Map<String, Object> p = parameters(e.getMessage().getBody(), null);
            e.setProperty(EVENT_PROPERTY, p);
            String body = Payloads.render(d, p);
            Message m = e.getMessage();
            m.removeHeaders("*");
            m.setBody(body);
            if (d.type() != Destination.Type.FILE) {
                m.setHeader(Exchange.HTTP_METHOD, "POST");
                m.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
                if (d.url().getRawQuery() != null) {
                    m.setHeader(Exchange.HTTP_QUERY, d.url().getRawQuery());
                }
                m.setHeader("User-Agent", "Projectionist/0.1");
                m.setHeader("X-Projectionist-Event", String.valueOf(p.get("event")));
                m.setHeader("X-Projectionist-Event-Id", String.valueOf(p.get("event_id")));
                if (d.secret() != null) {
                    m.setHeader(d.signatureHeader(), Payloads.sign(d.secret(), body));
                }
            }
        };
    }

    /** The Camel endpoint of a destination: its URL without the query (sent as a header), with timeouts. */
    static String endpointUri(Destination d, DeliveryConfig c) {
        if (d.type() == Destination.Type.FILE) {
            return "file:" + d.file() + "?fileName=${date:now:yyyy-MM-dd}.jsonl&fileExist=Append";
        }
        URI u = d.url();
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        long t = c.timeoutMillis();
        return u.getScheme() + "://" + u.getRawAuthority() + path + "?httpMethod=POST&connectTimeout=" + t
                + "&responseTimeout=" + t + "&connectionRequestTimeout=" + t;
    }

    /** An event's parameters: from an {@link ActivityEvent}, or a map as it is; with poster_url when configured. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parameters(Object body, DeliveryConfig c) {
        Map<String, Object> p;
        if (body instanceof ActivityEvent event) {
            p = event.parameters();
        } else if (body instanceof Map<?, ?> map) {
            p = (Map<String, Object>) map;
        } else {
            throw new IllegalArgumentException("not an event: " + (body == null ? "null" : body.getClass().getName()));
        }
        if (c != null && c.posterUrl() != null && p.get("thumb") != null && !p.containsKey("poster_url")) {
            Map<String, Object> copy = new LinkedHashMap<>(p);
            copy.put("poster_url", c.posterUrl()
                    .replace("{thumb}", URLEncoder.encode(String.valueOf(p.get("thumb")), StandardCharsets.UTF_8))
                    .replace("{rating_key}", URLEncoder.encode(String.valueOf(p.get("rating_key")),
                            StandardCharsets.UTF_8)));
            p = Collections.unmodifiableMap(copy);
        }
        return p;
    }
}
