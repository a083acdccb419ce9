package io.projectionist.sim.world;

/** The simulated Plex Media Server as Tautulli and Plex clients see it. */
public record ServerIdentity(String friendlyName, String machineIdentifier, String version, String platform,
        String platformVersion, String host, int port) {
}
