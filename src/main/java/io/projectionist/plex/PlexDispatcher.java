package io.projectionist.plex;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.Message;

import io.projectionist.plex.model.ManagedHub;
import io.projectionist.plex.model.PlexCollection;
import io.projectionist.plex.model.PlexHistoryEntry;
import io.projectionist.plex.model.PlexItem;
import io.projectionist.plex.model.PlexItemType;
import io.projectionist.plex.model.PlexSession;

/**
 * Turns a message into a {@link PlexClient} call and the result into the message body. Inputs are read from the
 * header first, then the endpoint option, then (where natural) the body. Reads replace the body with records
 * ({@code Map<String, PlexItem>} for metadata, lists otherwise); writes leave the body as it was, except
 * collections create (the new {@link PlexCollection}).
 */
final class PlexDispatcher {

    private PlexDispatcher() {
    }

    static void execute(PlexEndpoint endpoint, Message m) {
        PlexConfiguration c = endpoint.getConfiguration();
        PlexClient client = endpoint.getClient();
        PlexOperation op = endpoint.getOperation();
        m.setHeader(PlexConstants.OPERATION, op.uriName);
        switch (op) {
            case METADATA -> {
                List<String> keys = keys(m, PlexConstants.RATING_KEYS, c.getRatingKeys(), true);
                if (keys.isEmpty()) {
                    throw new IllegalArgumentException("plex:metadata needs rating keys: set the "
                            + PlexConstants.RATING_KEYS + " header, the ratingKeys option or the body");
                }
                Map<String, PlexItem> found = client.metadata(keys);
                List<String> missing = keys.stream().filter(k -> !found.containsKey(k)).distinct().toList();
                m.setHeader(PlexConstants.MISSING_RATING_KEYS, missing);
                result(m, found, found.size());
            }
            case SECTIONS -> list(m, client.sections());
            case ITEMS -> list(m, client.items(sectionId(m, c), itemType(m, c), c.getSort()));
            case ON_DECK -> list(m, client.onDeck(optional(m, PlexConstants.SECTION_ID, c.getSectionId())));
            case RECENTLY_ADDED -> list(m, client.recentlyAdded(optional(m, PlexConstants.SECTION_ID, c.getSectionId()),
                    itemType(m, c)));
            case CONTINUE_WATCHING -> list(m, client.continueWatching(optional(m, PlexConstants.SECTION_ID, c.getSectionId())));
            case HISTORY -> {
                Long since = m.getHeader(PlexConstants.VIEWED_SINCE, Long.class);
                list(m, client.history(optional(m, PlexConstants.ACCOUNT_ID, c.getAccountId()),
                        optional(m, PlexConstants.SECTION_ID, c.getSectionId()),
                        optional(m, PlexConstants.RATING_KEY, c.getRatingKey()),
                        since != null ? since : c.getViewedSince()));
            }
            case SESSIONS -> list(m, client.sessions());
            case IDENTITY -> m.setBody(client.identity());
            case SERVER -> m.setBody(client.server());
            case COLLECTIONS -> collections(m, c, client);
            case HUBS -> hubs(m, c, client);
            case TERMINATE -> {
                String sessionId = optional(m, PlexConstants.SESSION_ID, c.getSessionId());
                if (sessionId == null && m.getBody() instanceof PlexSession s) {
                    sessionId = s.sessionId();
                }
                if (sessionId == null && m.getBody() instanceof String s && !s.isBlank()) {
                    sessionId = s.strip();
                }
                client.terminate(require(sessionId, "sessionId (option, " + PlexConstants.SESSION_ID
                        + " header, or a PlexSession body)"), optional(m, PlexConstants.MESSAGE, c.getMessage()));
            }
        }
    }

    private static void collections(Message m, PlexConfiguration c, PlexClient client) {
        String action = action(m, c);
        m.setHeader(PlexConstants.OPERATION, "collections." + action);
        switch (action) {
            case "list" -> list(m, client.collections(sectionId(m, c)));
            case "create" -> m.setBody(client.createCollection(sectionId(m, c),
                    require(optional(m, PlexConstants.TITLE, c.getTitle()), "title"), itemType(m, c),
                    keys(m, PlexConstants.RATING_KEYS, c.getRatingKeys(), true)));
            case "items" -> list(m, client.collectionItems(collection(m, c)));
            case "add" -> client.addToCollection(collection(m, c), requiredKeys(m, c));
            case "remove" -> client.removeFromCollection(collection(m, c), requiredKeys(m, c));
            case "move" -> client.moveCollectionItem(collection(m, c),
                    require(optional(m, PlexConstants.RATING_KEY, c.getRatingKey()), "ratingKey (the item to move)"),
                    optional(m, PlexConstants.AFTER, c.getAfter()));
            case "edit" -> client.editCollection(optional(m, PlexConstants.SECTION_ID, c.getSectionId()),
                    collection(m, c), optional(m, PlexConstants.TITLE, c.getTitle()),
                    optional(m, PlexConstants.SUMMARY, c.getSummary()));
            case "delete" -> client.deleteCollection(collection(m, c));
            default -> throw new IllegalArgumentException("unknown collections action '" + action
                    + "'; use list, create, items, add, remove, move, edit or delete");
        }
    }

    private static void hubs(Message m, PlexConfiguration c, PlexClient client) {
        String action = action(m, c);
        m.setHeader(PlexConstants.OPERATION, "hubs." + action);
        String sectionId = sectionId(m, c);
        switch (action) {
            case "list" -> list(m, client.managedHubs(sectionId));
            case "get" -> {
                String collection = collection(m, c);
                Optional<ManagedHub> hub = client.managedHub(sectionId, collection);
                m.setHeader(PlexConstants.HUB_MANAGED, hub.isPresent());
                m.setBody(hub.orElse(ManagedHub.unmanaged(sectionId, collection)));
            }
            case "add" -> client.addManagedHub(sectionId, collection(m, c), flag(m, PlexConstants.PROMOTED_TO_RECOMMENDED,
                    c.getPromotedToRecommended()), flag(m, PlexConstants.PROMOTED_TO_OWN_HOME, c.getPromotedToOwnHome()),
                    flag(m, PlexConstants.PROMOTED_TO_SHARED_HOME, c.getPromotedToSharedHome()));
            case "promote" -> client.promoteHub(sectionId, identifier(m, c, sectionId),
                    flag(m, PlexConstants.PROMOTED_TO_RECOMMENDED, c.getPromotedToRecommended()),
                    flag(m, PlexConstants.PROMOTED_TO_OWN_HOME, c.getPromotedToOwnHome()),
                    flag(m, PlexConstants.PROMOTED_TO_SHARED_HOME, c.getPromotedToSharedHome()));
            case "move" -> client.moveHub(sectionId, identifier(m, c, sectionId), optional(m, PlexConstants.AFTER, c.getAfter()));
            case "remove" -> client.removeHub(sectionId, identifier(m, c, sectionId));
            case "reset" -> client.resetHubs(sectionId);
            default -> throw new IllegalArgumentException("unknown hubs action '" + action
                    + "'; use list, get, add, promote, move, remove or reset");
        }
    }

    // ---- inputs ------------------------------------------------------------------------------------------------

    private static String action(Message m, PlexConfiguration c) {
        String a = optional(m, PlexConstants.ACTION, c.getAction());
        return a == null ? "list" : a.toLowerCase(Locale.ROOT);
    }

    private static String sectionId(Message m, PlexConfiguration c) {
        return require(optional(m, PlexConstants.SECTION_ID, c.getSectionId()),
                "sectionId (option or " + PlexConstants.SECTION_ID + " header)");
    }

    /** Header, then option, then a collection-ish body (PlexCollection, ManagedHub of a collection). */
    private static String collection(Message m, PlexConfiguration c) {
        String v = optional(m, PlexConstants.COLLECTION, c.getCollection());
        if (v == null && m.getBody() instanceof PlexCollection pc) {
            v = pc.ratingKey();
        }
        if (v == null && m.getBody() instanceof ManagedHub h) {
            v = h.collectionRatingKey();
        }
        return require(v, "collection (the collection's rating key: option or " + PlexConstants.COLLECTION + " header)");
    }

    /** The hub identifier, or the one Plex gives the collection's hub ({@code custom.collection.<sid>.<rk>}). */
    private static String identifier(Message m, PlexConfiguration c, String sectionId) {
        String v = optional(m, PlexConstants.IDENTIFIER, c.getIdentifier());
        if (v == null && m.getBody() instanceof ManagedHub h) {
            v = h.identifier();
        }
        if (v == null) {
            String collection = optional(m, PlexConstants.COLLECTION, c.getCollection());
            if (collection != null) {
                v = ManagedHub.collectionIdentifier(sectionId, collection);
            }
        }
        return require(v, "identifier (option or " + PlexConstants.IDENTIFIER + " header, or a collection)");
    }

    private static PlexItemType itemType(Message m, PlexConfiguration c) {
        String v = optional(m, PlexConstants.ITEM_TYPE, c.getItemType());
        return v == null ? null : PlexItemType.parse(v);
    }

    private static Boolean flag(Message m, String header, Boolean option) {
        Object v = m.getHeader(header);
        if (v == null) {
            return option;
        }
        Boolean b = v instanceof Boolean bb ? bb : switch (String.valueOf(v).strip().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes" -> Boolean.TRUE;
            case "0", "false", "no" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(header + " must be true/false or 1/0, not '" + v + "'");
        };
        return b;
    }

    private static List<String> requiredKeys(Message m, PlexConfiguration c) {
        List<String> keys = keys(m, PlexConstants.RATING_KEYS, c.getRatingKeys(), true);
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no rating keys: set the " + PlexConstants.RATING_KEYS
                    + " header, the ratingKeys option or the body");
        }
        return keys;
    }

    /** Rating keys from the header, else the option, else (when allowed) the body. */
    static List<String> keys(Message m, String header, String option, boolean fromBody) {
        Object h = m.getHeader(header);
        if (h != null) {
            return toKeys(h);
        }
        if (option != null && !option.isBlank()) {
            return toKeys(option);
        }
        return fromBody ? toKeys(m.getBody()) : List.of();
    }

    static List<String> toKeys(Object v) {
        List<String> out = new ArrayList<>();
        addKeys(out, v);
        return out;
    }

    private static void addKeys(List<String> out, Object v) {
        if (v == null) {
            return;
        }
        if (v instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        } else if (v instanceof Map<?, ?> map) {
            map.keySet().forEach(k -> addKeys(out, k)); // e.g. a previous plex:metadata result
        } else if (v instanceof Iterable<?> it) {
            it.forEach(e -> addKeys(out, e));
        } else if (v instanceof Object[] arr) {
            for (Object e : arr) {
                addKeys(out, e);
            }
        } else if (v instanceof PlexItem i) {
            addKeys(out, i.ratingKey());
        } else if (v instanceof PlexCollection pc) {
            addKeys(out, pc.ratingKey());
        } else if (v instanceof PlexHistoryEntry h) {
            addKeys(out, h.ratingKey());
        } else if (v instanceof PlexSession s) {
            addKeys(out, s.item() == null ? null : s.item().ratingKey());
        } else if (v instanceof Number || v instanceof CharSequence) {
            addKeys(out, v.toString());
        } else {
            throw new IllegalArgumentException("cannot read rating keys from a " + v.getClass().getName()
                    + "; use a Collection, an array or a comma-separated String");
        }
    }

    private static String optional(Message m, String header, String option) {
        String h = m.getHeader(header, String.class);
        if (h != null && !h.isBlank()) {
            return h.strip();
        }
        return option == null || option.isBlank() ? null : option.strip();
    }

    private static String require(String v, String what) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("missing " + what);
        }
        return v;
    }

    private static void list(Message m, Collection<?> records) {
        result(m, records, records.size());
    }

    private static void result(Message m, Object body, int count) {
        m.setHeader(PlexConstants.RESULT_COUNT, count);
        m.setBody(body);
    }
}
