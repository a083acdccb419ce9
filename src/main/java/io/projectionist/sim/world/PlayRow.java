package io.projectionist.sim.world;

/**
 * One history row, materialised on demand from the columnar store.
 *
 * @param id             Tautulli history id = index + 1
 * @param duration       play time in seconds = stopped - started - pausedCounter
 * @param watchedStatus  0, 0.25, 0.5, 0.75 or 1 (fractions of the 85 % watched threshold)
 */
public record PlayRow(int id, long started, long stopped, int pausedCounter, int duration, User user,
        Device device, Item item, String ipAddress, boolean wan, boolean secure, boolean relayed,
        TranscodeDecision transcodeDecision, int percentComplete) {

    public int index() {
        return id - 1;
    }

    public String location() {
        return wan ? "wan" : "lan";
    }

    public double watchedStatus() {
        return History.watchedStatus(percentComplete);
    }
}
