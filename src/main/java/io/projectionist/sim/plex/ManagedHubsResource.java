package io.projectionist.sim.plex;

import io.projectionist.sim.http.SimResponse;
import io.projectionist.sim.plex.PlexState.HubInfo;
import io.projectionist.sim.plex.Wire.Node;
import io.projectionist.sim.world.Library;
import java.util.List;

/** {@code /hubs/sections/{id}/manage} (§3): list, add, promote, move, remove and reset a section's managed hubs. */
final class ManagedHubsResource {

    private final PlexState state;

    ManagedHubsResource(PlexContext ctx) {
        this.state = ctx.state;
    }

    /** {@code rest} is the path after {@code manage}; {@link HubsResource} has checked the section and the admin. */
    SimResponse handle(Call c, String m, Library l, List<String> rest) {
        Query q = c.q();
        int sid = l.sectionId();
        if (rest.isEmpty()) {
            switch (m) {
                case "GET" -> {
                    List<HubInfo> list;
                    String item = q.nonEmpty("metadataItemId");
                    if (item != null) {
                        int rk;
                        try {
                            rk = Integer.parseInt(item.trim());
                        } catch (NumberFormatException e) {
                            rk = -1;
                        }
                        list = rk < 0 ? List.of() : state.managedHub(sid, rk).map(List::of).orElse(List.of());
                    } else {
                        list = state.managedHubs(sid);
                    }
                    Node n = Node.container().attr("size", list.size());
                    list.forEach(h -> n.add(Render.managedHub(h)));
                    return Wire.ok(n, c.json());
                }
                case "POST" -> {
                    state.addHub(sid, q.get("metadataItemId"), q.flag("promotedToRecommended"),
                            q.flag("promotedToOwnHome"), q.flag("promotedToSharedHome"));
                    return Wire.empty();
                }
                case "DELETE" -> {
                    state.resetHubs(sid);
                    return Wire.empty();
                }
                default -> throw PlexFailure.notFound("manage " + m);
            }
        }
        // the spec's form: PUT …/manage/move?identifier=&after=
        if (rest.size() == 1 && rest.get(0).equals("move") && m.equals("PUT") && q.has("identifier")) {
            state.moveHub(sid, q.get("identifier"), q.nonEmpty("after"));
            return Wire.empty();
        }
        String identifier = rest.get(0);
        if (rest.size() == 1) {
            switch (m) {
                case "PUT" -> {
                    state.promote(sid, identifier, q.flag("promotedToRecommended"), q.flag("promotedToOwnHome"),
                            q.flag("promotedToSharedHome"));
                    return Wire.empty();
                }
                case "DELETE" -> {
                    state.removeHub(sid, identifier);
                    return Wire.empty();
                }
                default -> throw PlexFailure.notFound("manage/" + identifier + " " + m);
            }
        }
        if (rest.size() == 2 && rest.get(1).equals("move") && m.equals("PUT")) {
            state.moveHub(sid, identifier, q.nonEmpty("after"));
            return Wire.empty();
        }
        throw PlexFailure.notFound("manage/" + String.join("/", rest));
    }
}
