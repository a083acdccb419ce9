package io.projectionist.sim.world;

/** An actor and the role played (Plex "Role" tag). */
public record CastMember(String name, String role) {
}
