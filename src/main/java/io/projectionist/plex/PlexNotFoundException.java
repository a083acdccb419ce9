package io.projectionist.plex;

/** HTTP 404: the item, collection, hub, section or session does not exist. Not retryable. */
public class PlexNotFoundException extends PlexException {

    public PlexNotFoundException(String message, String operation, String method, String path) {
        super(message, operation, method, path, 404, Kind.NOT_FOUND, false, null, null);
    }
}
