package io.projectionist.sim.plex;

import static io.projectionist.sim.plex.Resources.get;

import io.projectionist.sim.http.SimResponse;
import io.projectionist.sim.plex.Wire.Node;
import io.projectionist.sim.world.ServerIdentity;
import io.projectionist.sim.world.TranscodeDecision;
import io.projectionist.sim.world.World;
import java.util.List;

/** The server itself: {@code /identity} (answered without a token) and the root {@code /}. */
final class ServerResource {

    private final PlexContext ctx;

    ServerResource(PlexContext ctx) {
        this.ctx = ctx;
    }

    Node identity() {
        ServerIdentity s = ctx.world.server();
        return Node.container().attr("size", 0).attr("claimed", Boolean.TRUE)
                .attr("machineIdentifier", s.machineIdentifier()).attr("version", s.version());
    }

    /** GET / */
    SimResponse root(Call c, String m, List<String> p) {
        return get(m, this::rootNode, c);
    }

    private Node rootNode() {
        World world = ctx.world;
        ServerIdentity s = world.server();
        long transcoding = ctx.sessions.list().stream()
                .filter(x -> x.transcodeDecision() == TranscodeDecision.TRANSCODE)
                .count();
        Node n = Node.container().attr("size", 3).attr("allowCameraUpload", Boolean.FALSE)
                .attr("allowChannelAccess", Boolean.TRUE).attr("allowMediaDeletion", Boolean.TRUE)
                .attr("allowSharing", Boolean.TRUE).attr("allowSync", Boolean.TRUE)
                .attr("friendlyName", s.friendlyName()).attr("livetv", 0)
                .attr("machineIdentifier", s.machineIdentifier()).attr("multiuser", Boolean.TRUE)
                .attr("myPlex", Boolean.TRUE).attr("myPlexMappingState", "mapped")
                .attr("myPlexSigninState", "ok").attr("myPlexSubscription", Boolean.TRUE)
                .attr("myPlexUsername", world.users().get(0).email()).attr("platform", s.platform())
                .attr("platformVersion", s.platformVersion()).attr("transcoderActiveVideoSessions", (int) transcoding)
                .attr("transcoderAudio", Boolean.TRUE).attr("transcoderVideo", Boolean.TRUE)
                .attr("updatedAt", world.anchor().getEpochSecond()).attr("version", s.version());
        for (String d : List.of("activities", "library", "playlists")) {
            n.add(Node.of("Directory").attr("count", 1).attr("key", d).attr("title", d));
        }
        return n;
    }
}
