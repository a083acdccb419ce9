package io.projectionist.activity;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.seda.SedaEndpoint;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The activity feed: every activity snapshot is published once, to {@link #ENDPOINT}, and everything that reads
 * current activity subscribes (the snapshot log {@code routes/activity-snapshots.yaml}, the event differ, the stream
 * policies, the stream gauges, and any user route). Today's only source is the Tautulli poll
 * ({@link ActivityFeedRoutes}); Plex's push notifications will publish to the same endpoint with their own
 * {@value #SOURCE_HEADER}.
 *
 * <p>A subscriber is a route that consumes its own queue {@code seda:projectionist-activity.<name>} (any name,
 * {@link #subscriber(String)}); the feed hands every snapshot to every such queue that has a consumer. One queue per
 * subscriber, because a subscriber keeps state from one snapshot to the next (the differ, the policies): each one
 * gets the snapshots in order and one at a time, on its own thread, so a slow subscriber only falls behind itself
 * and a failing one fails alone. (Seda's {@code multipleConsumers=true}, the textbook topic, runs its parallel
 * multicast without waiting for it, so a subscriber there may get two snapshots at once and out of order.)
 *
 * <p>Contract: the body is an immutable {@code io.projectionist.tautulli.model.Activity}, the same object for every
 * subscriber (each on its own exchange: headers or a body set by one subscriber are not seen by another); the header
 * {@value #SOURCE_HEADER} names the source. A failed read of a source is published on {@link #FAILURES} (body: the
 * exception) and reaches the queues {@code seda:projectionist-activity-failures.<name>}, so snapshot subscribers
 * never see anything but snapshots.
 */
public final class ActivityFeed {

    /** Where sources publish snapshots. */
    public static final String ENDPOINT = "direct:projectionist-activity";
    /** Where sources publish failed reads (body: the {@link Throwable}). */
    public static final String FAILURES = "direct:projectionist-activity-failures";
    /** Subscriber queues of {@link #ENDPOINT}: {@code seda:projectionist-activity.<name>}. */
    public static final String SUBSCRIBER_PREFIX = "projectionist-activity.";
    /** Subscriber queues of {@link #FAILURES}: {@code seda:projectionist-activity-failures.<name>}. */
    public static final String FAILURE_SUBSCRIBER_PREFIX = "projectionist-activity-failures.";
    /** Which source produced the message. */
    public static final String SOURCE_HEADER = "ProjectionistActivitySource";
    /** The source value of the Tautulli poll ({@code tautulli:activity} on {@code projectionist.activity.cron}). */
    public static final String SOURCE_TAUTULLI_POLL = "tautulli-poll";

    private ActivityFeed() {
    }

    /** The queue a subscriber named {@code name} consumes, e.g. {@code seda:projectionist-activity.events}. */
    public static String subscriber(String name) {
        return "seda:" + SUBSCRIBER_PREFIX + name;
    }

    /** The failures queue of a subscriber named {@code name}. */
    public static String failureSubscriber(String name) {
        return "seda:" + FAILURE_SUBSCRIBER_PREFIX + name;
    }

    /** The URIs of the queues named {@code prefix<name>} that a started route consumes, one per queue. */
    static List<String> subscribers(CamelContext context, String prefix) {
        Map<String, String> byQueue = new TreeMap<>();
        for (Endpoint e : context.getEndpoints()) {
            if (e instanceof SedaEndpoint seda && seda.getName() != null && seda.getName().startsWith(prefix)
                    && !seda.getConsumers().isEmpty()) {
                byQueue.putIfAbsent(seda.getName(), seda.getEndpointUri()); // two URIs of one queue: send once
            }
        }
        return List.copyOf(byQueue.values());
    }
}
