package io.projectionist.sim.plex;

import static io.projectionist.sim.plex.Resources.get;
import static io.projectionist.sim.plex.Resources.notFound;

import io.projectionist.sim.http.SimResponse;
import io.projectionist.sim.plex.Wire.Node;
import io.projectionist.sim.world.LiveSession;
import io.projectionist.sim.world.LiveSessions;
import java.util.ArrayList;
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

    /**
     * GET /transcode/sessions: the TranscodeSession of every transcoding session (the same element
     * {@code /status/sessions} nests, so key and progress agree), paged.
     */
    SimResponse transcodeSessions(Call c, String m, List<String> p) {
        if (!m.equals("GET")) {
            throw PlexFailure.notFound("no " + m + " here");
        }
        List<Node> found = new ArrayList<>();
        for (LiveSession s : sessions.list()) {
            if (c.admin() || s.user().index() == c.user().index()) {
                for (Node child : render.session(s).children) {
                    if (child.xmlName.equals("TranscodeSession")) {
                        Node t = Node.of("TranscodeSession");
                        t.attrs.putAll(child.attrs);
                        found.add(t);
                    }
                }
            }
        }
        int[] w = Paging.window(c, found.size());
        Node n = Node.container().attr("size", w[1] - w[0]).addAll(found.subList(w[0], w[1]));
        return Paging.headers(Wire.ok(n, c.json()), w[0], found.size());
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
