package io.projectionist.sim.plex;

import io.projectionist.sim.http.SimResponse;
import io.projectionist.sim.plex.Wire.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers every resource uses to answer: read-only bodies, key segments, attribute order. */
final class Resources {

    /** A resource method the router dispatches to; {@code path} is the whole decoded path, not the rest. */
    @FunctionalInterface
    interface Handler {
        SimResponse handle(Call c, String method, List<String> path);
    }

    /** A response body, built only once the method is known to be GET. */
    @FunctionalInterface
    interface Body {
        Node build();
    }

    private Resources() {
    }

    /** A GET-only answer (the router has already turned HEAD into GET); any other method is a 404, as on Plex. */
    static SimResponse get(String method, Body body, Call c) {
        if (!method.equals("GET")) {
            throw PlexFailure.notFound("no " + method + " here");
        }
        return Wire.ok(body.build(), c.json());
    }

    /** A rating key in the path; anything else is a 404. */
    static int intSegment(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw PlexFailure.notFound("not a key: " + s);
        }
    }

    static PlexFailure notFound(List<String> path) {
        return PlexFailure.notFound(String.join("/", path));
    }

    /** Puts {@code key} first among the attributes, where Plex writes it though it is known only at the end. */
    static void moveFirst(Node n, String key) {
        Object v = n.attrs.remove(key);
        Map<String, Object> rest = new LinkedHashMap<>(n.attrs);
        n.attrs.clear();
        n.attrs.put(key, v);
        n.attrs.putAll(rest);
    }
}
