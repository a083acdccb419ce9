package io.projectionist.sim.plex;

import static io.projectionist.sim.plex.Resources.get;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.projectionist.sim.http.SimResponse;
import io.projectionist.sim.plex.Call.Role;
import io.projectionist.sim.plex.Resources.Handler;
import io.projectionist.sim.plex.Wire.Node;
import io.projectionist.sim.world.LiveSessions;
import io.projectionist.sim.world.User;
import io.projectionist.sim.world.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Plex Media Server HTTP API over a {@link World}: the token decides the role, then the routing table below hands
 * the request to the resource that owns its path. Errors are Plex's HTML pages whatever format was asked for;
 * unknown query parameters are ignored.
 *
 * <p>To add a resource: a class taking the {@link PlexContext} with a {@link Handler} method per path prefix, built
 * in the constructor and given its lines in {@link #routes}.
 */
final class PlexApi {

    /** One line of the routing table: a path (exact, or a prefix of longer paths) and who answers it. */
    private record Route(List<String> path, boolean exact, Handler handler) {

        static Route exact(String path, Handler handler) {
            return new Route(segments(path), true, handler);
        }

        static Route prefix(String path, Handler handler) {
            return new Route(segments(path), false, handler);
        }

        boolean matches(List<String> p) {
            return exact ? p.equals(path) : p.size() >= path.size() && p.subList(0, path.size()).equals(path);
        }
    }

    private final World world;
    private final PlexTokens tokens;
    private final ServerResource server;
    /** First match wins, so a longer path comes before a prefix of it. */
    private final List<Route> routes;

    PlexApi(World world, LiveSessions sessions, PlexTokens tokens, PlexState state) {
        this.world = world;
        this.tokens = tokens;
        if (tokens.sharedUserIndex() >= world.users().size()) {
            throw new IllegalArgumentException("the world has no user " + tokens.sharedUserIndex());
        }
        PlexContext ctx = new PlexContext(world, sessions, state);
        this.server = new ServerResource(ctx);
        DeckResource deck = new DeckResource(ctx);
        LibraryResource library = new LibraryResource(ctx, deck);
        CollectionsResource collections = new CollectionsResource(ctx, library);
        HubsResource hubs = new HubsResource(ctx, deck, new ManagedHubsResource(ctx));
        SessionsResource live = new SessionsResource(ctx);
        HistoryResource history = new HistoryResource(ctx);
        PlaylistsResource playlists = new PlaylistsResource(ctx, library);
        PlayedResource played = new PlayedResource(ctx);
        this.routes = List.of(
                Route.exact("", server::root),
                Route.exact("library", library::root),
                // no background activities run on the simulated server
                Route.exact("activities", (c, m, p) -> get(m, () -> Node.container().attr("size", 0), c)),
                Route.prefix("library/sections", library::sections),
                Route.exact("library/all", library::everySection),
                Route.prefix("library/metadata", library::metadata),
                Route.prefix("library/collections", collections::handle),
                Route.exact("library/onDeck", (c, m, p) -> get(m, () -> deck.onDeck(c, null), c)),
                Route.exact("library/recentlyAdded", (c, m, p) -> get(m, () -> deck.recentlyAdded(c, null), c)),
                Route.prefix("hubs", hubs::handle),
                Route.prefix("playlists", playlists::handle),
                Route.prefix(":", played::handle),
                Route.exact("transcode/sessions", live::transcodeSessions),
                Route.exact("status/sessions/history/all", history::handle),
                Route.prefix("status/sessions", live::handle));
    }

    // ---- entry --------------------------------------------------------------------------------------------------

    SimResponse handle(HttpExchange ex) {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        Query q = Query.parse(ex.getRequestURI().getRawQuery());
        List<String> path = segments(ex.getRequestURI().getRawPath());
        Headers h = ex.getRequestHeaders();
        String accept = h.getFirst("Accept");
        boolean json = accept != null && accept.toLowerCase(Locale.ROOT).contains("application/json");
        try {
            // the one path Plex answers without a token
            if (path.equals(List.of("identity")) && (method.equals("GET") || method.equals("HEAD"))) {
                return Wire.ok(server.identity(), json);
            }
            String token = h.getFirst("X-Plex-Token");
            if (token == null || token.isBlank()) {
                token = q.nonEmpty("X-Plex-Token");
            }
            Role role = tokens.admin().equals(token) ? Role.ADMIN
                    : tokens.shared().equals(token) ? Role.SHARED : null;
            if (role == null) {
                String body = path.isEmpty() ? Wire.rootUnauthorizedPage() : Wire.errorPage(401);
                return Wire.common(SimResponse.of(401, Wire.HTML_TYPE, body));
            }
            User user = world.users().get(role == Role.ADMIN ? 0 : tokens.sharedUserIndex());
            return route(new Call(method, path, q, h, role, user, json));
        } catch (PlexFailure f) {
            return Wire.error(f.status);
        }
    }

    static List<String> segments(String rawPath) {
        List<String> out = new ArrayList<>();
        if (rawPath == null) {
            return out;
        }
        for (String s : rawPath.split("/")) {
            if (!s.isEmpty()) {
                out.add(Query.decode(s));
            }
        }
        return out;
    }

    private SimResponse route(Call c) {
        // HEAD is answered as GET (the server drops the body)
        String m = c.method().equals("HEAD") ? "GET" : c.method();
        for (Route r : routes) {
            if (r.matches(c.path())) {
                return r.handler().handle(c, m, c.path());
            }
        }
        throw Resources.notFound(c.path());
    }
}
