package io.projectionist.delivery;

import io.projectionist.activity.ActivityEvents;
import io.projectionist.activity.AnnouncedStore;
import io.projectionist.activity.LoadMonitor;
import io.projectionist.activity.SessionDiffer;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the event and delivery routes share in one Camel context: the validated settings, the event engine (one
 * differ, one announced-events file) and the dead-letter folder. Created once per context and bound in its
 * registry as {@value #BEAN}; tests may bind their own first (for example with a controllable clock).
 */
public final class DeliveryRuntime {

    public static final String BEAN = "projectionistDelivery";

    private final DeliveryConfig config;
    private final Clock clock;
    private final ActivityEvents events;
    private final DeadLetters deadLetters;

    public DeliveryRuntime(DeliveryConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        AnnouncedStore store = AnnouncedStore.file(config.announcedFile(), clock, config.window());
        this.events = new ActivityEvents(clock, new SessionDiffer(clock, config.differ(), store),
                new LoadMonitor(config.thresholds(), config.unreachableAfter()));
        this.deadLetters = new DeadLetters(config.deadLetterDir());
    }

    /** The context's runtime, created from its properties on first use. */
    public static synchronized DeliveryRuntime of(CamelContext context) {
        DeliveryRuntime rt = context.getRegistry().lookupByNameAndType(BEAN, DeliveryRuntime.class);
        if (rt == null) {
            rt = new DeliveryRuntime(loadConfig(context), Clock.systemUTC());
            context.getRegistry().bind(BEAN, rt);
        }
        return rt;
    }

    /** Reads and validates the settings from the context's properties (files, environment, system properties). */
    public static DeliveryConfig loadConfig(CamelContext context) {
        PropertiesComponent pc = context.getPropertiesComponent();
        Set<String> keys = new LinkedHashSet<>();
        pc.loadProperties(k -> k.startsWith(DeliveryConfig.PREFIX + ".")).stringPropertyNames().forEach(keys::add);
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith(DeliveryConfig.PREFIX + ".")).forEach(keys::add);
        return DeliveryConfig.load(pc::resolveProperty, keys);
    }

    public DeliveryConfig config() {
        return config;
    }

    public Clock clock() {
        return clock;
    }

    public ActivityEvents events() {
        return events;
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }
}
