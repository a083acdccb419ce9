package io.projectionist.policy;

import io.projectionist.activity.ActivityFeed;
import io.projectionist.ops.OpsMetrics;
import io.projectionist.plex.PlexConstants;
import io.projectionist.plex.PlexException;
import io.projectionist.tautulli.TautulliConstants;
import io.projectionist.tautulli.TautulliException;
import io.projectionist.tautulli.model.Activity;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Stream policies ({@code projectionist.policy.*}; off by default).
 *
 * <pre>
 * seda:projectionist-activity.policies (the feed) ─► PolicyEngine (once per session) ─► split
 *     ─┬─ dry-run: log + audit
 *      └─ enforce: direct:policy-terminate
 * direct:policy-terminate ─► tautulli:terminate_session (session_id, message) or plex:terminate ─► log + audit
 * </pre>
 */
public class PolicyRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger("io.projectionist.policy");
    static final String VIOLATION = "projectionistPolicyViolation";

    @Override
    public void configure() {
        CamelContext context = getCamelContext();
        PolicyConfig c = loadConfig(context);
        if (!c.active()) {
            if (c.mode() != PolicyConfig.Mode.OFF) {
                LOG.warn("stream policies: mode {} but no rules in {}; nothing to do", c.mode().wire(),
                        PolicyConfig.RULES);
            }
            return;
        }
        PolicyEngine engine = new PolicyEngine(c.rules(), Clock.systemUTC());
        PolicyAudit audit = new PolicyAudit(c.auditFile());
        context.getRegistry().bind("projectionistPolicies", engine);
        LOG.info("stream policies: {} rule(s) {} ({}); audit log {}", c.rules().size(),
                c.mode() == PolicyConfig.Mode.ENFORCE ? "ENFORCED" : "in dry-run",
                c.rules().stream().map(PolicyRule::name).toList(), c.auditFile());

        from(ActivityFeed.subscriber("policies")).routeId("stream-policies")
                .process(e -> e.getMessage().setBody(engine.evaluate(e.getMessage().getBody(Activity.class))))
                .split(body())
                    .process(e -> e.setProperty(VIOLATION, e.getMessage().getBody()))
                    .choice()
                        .when(constant(c.mode() == PolicyConfig.Mode.ENFORCE))
                            .to("direct:policy-terminate")
                        .otherwise()
                            .process(e -> {
                                PolicyEngine.Violation v = violation(e);
                                LOG.warn("policy {} (dry-run): would terminate session {} of {} ('{}' on {}): {}; "
                                        + "message: \"{}\"", v.rule().name(), v.session().sessionKey(),
                                        v.session().user(), title(v), v.session().player(), v.reason(), v.message());
                                audit.record(Clock.systemUTC().instant(), c.mode(), "would_terminate", v, null);
                                metrics(e, v, c, "would_terminate");
                            })
                    .end()
                .end();

        from("direct:policy-terminate").routeId("policy-terminate")
                .doTry()
                    .process(PolicyRoutes::prepareTermination)
                    .toD("${exchangeProperty.projectionistPolicyEndpoint}")
                    .process(e -> {
                        PolicyEngine.Violation v = violation(e);
                        LOG.warn("policy {}: terminated session {} of {} ('{}' on {}) via {}: {}; message: \"{}\"",
                                v.rule().name(), v.session().sessionKey(), v.session().user(), title(v),
                                v.session().player(), v.rule().via().wire(), v.reason(), v.message());
                        audit.record(Clock.systemUTC().instant(), c.mode(), "terminated", v, null);
                        metrics(e, v, c, "terminated");
                    })
                .doCatch(Exception.class)
                    .process(e -> {
                        PolicyEngine.Violation v = violation(e);
                        Exception cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                        boolean retry = cause instanceof TautulliException t ? t.isRetryable()
                                : cause instanceof PlexException p && p.isRetryable();
                        if (retry) {
                            engine.release(v.session()); // the next snapshot tries again
                        }
                        LOG.error("policy {}: could not terminate session {} of {} via {}: {}{}", v.rule().name(),
                                v.session().sessionKey(), v.session().user(), v.rule().via().wire(),
                                cause == null ? "?" : cause.getMessage(), retry ? " (will retry)" : "");
                        audit.record(Clock.systemUTC().instant(), c.mode(), "failed", v,
                                cause == null ? null : cause.getMessage());
                        metrics(e, v, c, "failed");
                    })
                .end();
    }

    private static void prepareTermination(Exchange e) {
        PolicyEngine.Violation v = violation(e);
        e.setProperty("projectionistPolicyEndpoint",
                v.rule().via() == PolicyConfig.Via.PLEX ? "plex:terminate" : "tautulli:terminate_session");
        e.getMessage().setBody(null);
        // the feed's headers (the poll's CamelTautulliCommand: get_activity) would override the command
        e.getMessage().removeHeaders("CamelTautulli*");
        e.getMessage().removeHeaders("CamelPlex*");
        if (v.rule().via() == PolicyConfig.Via.PLEX) {
            e.getMessage().setHeader(PlexConstants.SESSION_ID, v.session().sessionId());
            e.getMessage().setHeader(PlexConstants.MESSAGE, v.message());
        } else {
            Map<String, String> params = new LinkedHashMap<>();
            if (v.session().sessionId() != null && !v.session().sessionId().isBlank()) {
                params.put("session_id", v.session().sessionId());
            } else {
                params.put("session_key", v.session().sessionKey());
            }
            params.put("message", v.message());
            e.getMessage().setHeader(TautulliConstants.PARAMS, params);
        }
    }

    private static PolicyEngine.Violation violation(Exchange e) {
        return e.getProperty(VIOLATION, PolicyEngine.Violation.class);
    }

    private static String title(PolicyEngine.Violation v) {
        return v.session().fullTitle() != null ? v.session().fullTitle() : v.session().title();
    }

    private static void metrics(Exchange e, PolicyEngine.Violation v, PolicyConfig c, String outcome) {
        OpsMetrics m = e.getContext().getRegistry().lookupByNameAndType(OpsMetrics.BEAN, OpsMetrics.class);
        if (m != null) {
            m.policyAction(v.rule().name(), c.mode().wire(), outcome);
        }
    }

    /** Reads and validates {@code projectionist.policy.*} from the context's properties. */
    public static PolicyConfig loadConfig(CamelContext context) {
        PropertiesComponent pc = context.getPropertiesComponent();
        Set<String> keys = new LinkedHashSet<>();
        pc.loadProperties(k -> k.startsWith(PolicyConfig.PREFIX + ".")).stringPropertyNames().forEach(keys::add);
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith(PolicyConfig.PREFIX + ".")).forEach(keys::add);
        return PolicyConfig.load(pc::resolveProperty, keys);
    }
}
