package io.projectionist.sim.plex;

import static io.projectionist.sim.plex.Resources.get;
import static io.projectionist.sim.plex.Resources.notFound;

import io.projectionist.sim.http.SimResponse;
import io.projectionist.sim.plex.Wire.Node;
import io.projectionist.sim.world.LiveSession;
import io.projectionist.sim.world.LiveSessions;
import java.util.List;
import java.util.NoSuchElementException;

/** {@code /status/sessions}: what is playing now, and terminating a session; the history is {@link HistoryResource}. */
final class SessionsResource {

    private final LiveSessions sessions;
    private final Render render;

    SessionsResource(PlexContext ctx) {
        this.sessions = ctx.sessions;
        this.render = ctx.render;
    }

    SimResponse handle(Call c, String m, List<String> p) {
        int n = p.size();
        if (n == 2) {
            return get(m, () -> list(c), c);
        }
        if (n == 3 && p.get(2).equals("terminate") && (m.equals("GET") || m.equals("POST"))) {
            c.requireAdmin();
            String id = c.q().nonEmpty("sessionId");
            if (id == null) {
                throw PlexFailure.badRequest("sessionId is required");
            }
            LiveSession s = sessions.bySessionId(id).orElseThrow(() -> PlexFailure.notFound("no session " + id));
            String reason = c.q().get("reason");
            try {
                sessions.terminate(s.sessionKey(), reason == null ? "" : reason);
            } catch (NoSuchElementException e) {
                throw PlexFailure.notFound("session " + id + " ended meanwhile");
            }
            return Wire.empty();
        }
        throw notFound(p);
    }

    /** Every session (admin) or the asking user's own (a shared user). */
    private Node list(Call c) {
        List<LiveSession> list = sessions.list();
        Node n = Node.container();
        int size = 0;
        for (LiveSession s : list) {
            if (c.admin() || s.user().index() == c.user().index()) {
                n.add(render.session(s));
                size++;
            }
        }
        n.attr("size", size);
        return n;
    }
}
