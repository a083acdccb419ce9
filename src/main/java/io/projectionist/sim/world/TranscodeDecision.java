package io.projectionist.sim.world;

/** Tautulli's transcode_decision values; the ordinal is what the history column stores. */
public enum TranscodeDecision {
    DIRECT_PLAY("direct play", "Direct Play"), COPY("copy", "Direct Stream"), TRANSCODE("transcode", "Transcode");

    private final String wire;
    private final String graphName;

    TranscodeDecision(String wire, String graphName) {
        this.wire = wire;
        this.graphName = graphName;
    }

    public String wire() {
        return wire;
    }

    /** Series name in Tautulli's stream-type graphs. */
    public String graphName() {
        return graphName;
    }

    public static TranscodeDecision fromWire(String s) {
        for (TranscodeDecision d : values()) {
            if (d.wire.equals(s)) {
                return d;
            }
        }
        return null;
    }
}
