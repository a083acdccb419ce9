package io.projectionist.ops;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.projectionist.plex.PlexClient;
import io.projectionist.plex.PlexComponent;
import io.projectionist.support.HttpTransport;
import io.projectionist.tautulli.TautulliClient;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.SimpleEventNotifierSupport;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.spi.CamelEvent;

/**
 * Operations wiring: Projectionist's metrics in the Prometheus registry that Camel's management server exposes on
 * {@code /observe/metrics}, and readiness checks per dependency on {@code /observe/health/ready}: {@code tautulli}
 * (reachable, API key accepted) and, when {@code plex.url} is set, {@code plex} (reachable, token accepted).
 */
public class OpsConfiguration implements CamelConfiguration {

    /** Probes answer within this time, whatever the request timeouts (a health endpoint must answer quickly). */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    @Override
    public void configure(CamelContext context) throws Exception {
        if (context.getRegistry().lookupByNameAndType(OpsMetrics.BEAN, OpsMetrics.class) != null) {
            return; // configured once per context (the test harness may apply configuration classes twice)
        }
        PropertiesComponent pc = context.getPropertiesComponent();
        Function<String, Optional<String>> p = Upstreams.nonBlank(pc::resolveProperty);

        // Camel's metrics service reuses a registry bound under this name
        PrometheusMeterRegistry registry = context.getRegistry()
                .lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class);
        if (registry == null) {
            registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            context.getRegistry().bind("metricsRegistry", registry);
        }
        Path dataDir = Path.of(p.apply("projectionist.data-dir").orElse("data"));
        OpsMetrics metrics = new OpsMetrics(registry, serverLabel(p), dataDir.resolve("dead-letter"));
        metrics.bindHistory(context);
        context.getRegistry().bind(OpsMetrics.BEAN, metrics);
        context.getManagementStrategy().addEventNotifier(new OpsEventNotifier(metrics));
        context.addRoutes(metrics.activitySubscriber()); // the stream gauges follow the activity feed
        // every request of the plex component's clients (endpoints, reports, curation, the probe) is counted once
        HttpTransport.Listener plexRequests = metrics::plexRequest;
        context.getRegistry().bind(PlexComponent.REQUEST_LISTENER, HttpTransport.Listener.class, plexRequests);

        long cacheMillis = p.apply("projectionist.health.cache-ms").map(Long::parseLong).orElse(5000L);
        List<UpstreamHealthCheck> checks = new ArrayList<>();
        checks.add(new UpstreamHealthCheck("tautulli", tautulliProbe(context), cacheMillis));
        if (p.apply("plex.url").isPresent()) {
            checks.add(new UpstreamHealthCheck("plex", plexProbe(context), cacheMillis));
        }
        long refreshMillis = p.apply("projectionist.metrics.dead-letter-refresh-ms").map(Long::parseLong).orElse(10_000L);
        context.getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            private ScheduledExecutorService timer;

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextStartedEvent
                        || event instanceof CamelEvent.CamelContextStoppingEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStartedEvent) {
                    HealthCheckRegistry health = HealthCheckRegistry.get(context);
                    if (health != null) {
                        checks.forEach(health::register);
                    }
                    timer = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this,
                            "projectionist-ops");
                    timer.scheduleWithFixedDelay(metrics::refreshDeadLetters, 0, refreshMillis, TimeUnit.MILLISECONDS);
                } else if (timer != null) {
                    context.getExecutorServiceManager().shutdown(timer);
                }
            }
        });
        checks.forEach(c -> context.getRegistry().bind("projectionist-health-" + c.getId(), c));
    }

    /** The {@code server} label: projectionist.metrics.server, else host[:port] of tautulli.url. */
    static String serverLabel(Function<String, Optional<String>> p) {
        return p.apply("projectionist.metrics.server").orElseGet(() -> p.apply("tautulli.url").map(u -> {
            try {
                URI uri = URI.create(u);
                return uri.getHost() == null ? u : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            } catch (IllegalArgumentException e) {
                return u;
            }
        }).orElse("tautulli"));
    }

    static Supplier<Upstreams.Probe> tautulliProbe(CamelContext context) {
        return new Supplier<>() {
            private TautulliClient client;

            @Override
            public Upstreams.Probe get() {
                try {
                    if (client == null) {
                        TautulliClient c = Upstreams.tautulli(context);
                        client = c.withRequestTimeout(Upstreams.capped(c.requestTimeout(), PROBE_TIMEOUT));
                    }
                    return Upstreams.probeTautulli(client, false);
                } catch (ConfigurationException e) {
                    return new Upstreams.Probe("tautulli", Upstreams.Status.ERROR, e.getMessage());
                }
            }
        };
    }

    static Supplier<Upstreams.Probe> plexProbe(CamelContext context) {
        return new Supplier<>() {
            private PlexClient client;

            @Override
            public Upstreams.Probe get() {
                try {
                    if (client == null) {
                        PlexClient c = Upstreams.plex(context).orElseThrow();
                        client = c.withRequestTimeout(Upstreams.capped(c.requestTimeout(), PROBE_TIMEOUT));
                    }
                    return Upstreams.probePlex(client);
                } catch (ConfigurationException e) {
                    return new Upstreams.Probe("plex", Upstreams.Status.ERROR, e.getMessage());
                }
            }
        };
    }
}
