package io.projectionist.plex;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The operations of {@code plex:operation}; {@code readOnly} ones may also be polled by a consumer. */
enum PlexOperation {
    METADATA("metadata", true), SECTIONS("sections", true), ITEMS("items", true), ON_DECK("onDeck", true),
    RECENTLY_ADDED("recentlyAdded", true), CONTINUE_WATCHING("continueWatching", true), HISTORY("history", true),
    SESSIONS("sessions", true), IDENTITY("identity", true), SERVER("server", true),
    COLLECTIONS("collections", false), HUBS("hubs", false), TERMINATE("terminate", false);

    final String uriName;
    final boolean readOnly;

    PlexOperation(String uriName, boolean readOnly) {
        this.uriName = uriName;
        this.readOnly = readOnly;
    }

    static PlexOperation of(String name) {
        for (PlexOperation op : values()) {
            if (op.uriName.equalsIgnoreCase(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown plex: operation '" + name + "'; use one of "
                + Arrays.stream(values()).map(o -> o.uriName).collect(Collectors.joining(", ")));
    }
}
