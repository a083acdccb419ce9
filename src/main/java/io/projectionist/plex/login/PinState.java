package io.projectionist.plex.login;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.projectionist.support.Json;
import io.projectionist.support.SecretFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A pending PIN login, kept between {@code login} step 1 and step 2 in {@code <data-dir>/plex-pin.json} (mode 0600:
 * with the id and the client identifier anyone could collect the token once the PIN is authorised). One JSON line.
 */
public record PinState(long id, String code, String clientIdentifier, Instant createdAt, Instant expiresAt,
        String plexTvUrl) {

    public static final String FILE_NAME = "plex-pin.json";

    public boolean isExpired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    public static PinState of(Pin pin, String plexTvUrl, Instant now) {
        return new PinState(pin.id(), pin.code(), pin.clientIdentifier(),
                pin.createdAt() == null ? now : pin.createdAt(), pin.expiresAt(), plexTvUrl);
    }

    public String toJson() {
        ObjectNode n = Json.camelCase().createObjectNode();
        n.put("id", id);
        n.put("code", code);
        n.put("clientIdentifier", clientIdentifier);
        n.put("createdAt", createdAt == null ? null : createdAt.toString());
        n.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        n.put("plexTvUrl", plexTvUrl);
        return n.toString();
    }

    public void save(Path file) throws IOException {
        SecretFiles.write(file, toJson());
    }

    /** The pending login in {@code file}, if any; a file that is not a PIN state is an error naming the file. */
    public static Optional<PinState> load(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String json;
        try {
            json = SecretFiles.read(file, "pending login");
        } catch (IllegalArgumentException e) {
            throw new LoginException(e.getMessage(), LoginException.FAILED, e);
        }
        try {
            JsonNode n = Json.camelCase().readTree(json);
            if (!n.hasNonNull("id") || !n.hasNonNull("clientIdentifier")) {
                throw new IllegalArgumentException("no id or clientIdentifier");
            }
            return Optional.of(new PinState(n.get("id").asLong(), text(n, "code"), text(n, "clientIdentifier"),
                    instant(n, "createdAt"), instant(n, "expiresAt"), text(n, "plexTvUrl")));
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw new LoginException("the pending login in " + file + " is unreadable (" + e.getMessage()
                    + "); delete it or run `projectionist login start`", LoginException.FAILED, e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        String s = text(n, field);
        return s == null ? null : Instant.parse(s);
    }
}
