package io.projectionist.plex;

/**
 * Which wire format to ask for. Plex answers XML unless the request carries {@code Accept: application/json};
 * python-plexapi and Kometa always use XML, so XML is the default and the better-trodden path.
 */
public enum PlexFormat {
    xml, json
}
