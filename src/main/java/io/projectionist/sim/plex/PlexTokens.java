package io.projectionist.sim.plex;

import io.projectionist.sim.world.Rng;
import java.util.Objects;

/**
 * The tokens the Plex simulator accepts: the server owner's (admin) and one shared user's. Plex tokens are 20
 * characters; these are derived from the world seed, so a demo's tokens stay the same across runs.
 *
 * @param admin           the owner's token: everything is allowed
 * @param shared          a shared (non-owner) user's token: reads only, 403 on admin endpoints
 * @param sharedUserIndex which user of {@code World.users()} the shared token belongs to (not 0, the admin)
 */
public record PlexTokens(String admin, String shared, int sharedUserIndex) {

    public PlexTokens {
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(shared, "shared");
        if (admin.isBlank() || shared.isBlank() || admin.equals(shared)) {
            throw new IllegalArgumentException("admin and shared tokens must be non-blank and different");
        }
        if (sharedUserIndex < 1) {
            throw new IllegalArgumentException("the shared token cannot belong to the admin (user index 0)");
        }
    }

    /** Tokens derived from the seed; the shared token belongs to the second user. */
    public static PlexTokens forSeed(long seed) {
        return new PlexTokens(token(seed, "plex-admin-token"), token(seed, "plex-shared-token"), 1);
    }

    private static String token(long seed, String salt) {
        Rng r = Rng.of(seed, salt);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        StringBuilder sb = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "PlexTokens[admin=****, shared=****, sharedUserIndex=" + sharedUserIndex + "]";
    }
}
