package io.projectionist.plex.login;

import java.time.Instant;

/**
 * A plex.tv PIN ({@code /api/v2/pins}). {@code authToken} is null until the user signs in through the auth URL.
 * {@link #toString()} never shows the token.
 */
public record Pin(long id, String code, String clientIdentifier, Instant createdAt, Instant expiresAt,
        Long expiresIn, String authToken) {

    public boolean isAuthorized() {
        return authToken != null && !authToken.isBlank();
    }

    @Override
    public String toString() {
        return "Pin[id=" + id + ", clientIdentifier=" + clientIdentifier + ", createdAt=" + createdAt + ", expiresAt="
                + expiresAt + ", authToken=" + (isAuthorized() ? "****" : "null") + "]";
    }
}
