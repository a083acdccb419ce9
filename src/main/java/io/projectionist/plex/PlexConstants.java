package io.projectionist.plex;

import org.apache.camel.spi.Metadata;

/**
 * Message headers of the {@code plex:} component. Input headers override the endpoint's URI options, which
 * override the body (where the body is a natural input, e.g. rating keys for {@code plex:metadata}).
 */
public final class PlexConstants {

    @Metadata(label = "producer", description = "Rating keys (a Collection, an array or a comma-separated String; "
            + "PlexItem elements are read by their ratingKey) for metadata and collections create/add/remove.",
              javaType = "Object")
    public static final String RATING_KEYS = "CamelPlexRatingKeys";
    @Metadata(label = "producer", description = "A single rating key: the item to move in a collection, or the item "
            + "whose history to read.", javaType = "String")
    public static final String RATING_KEY = "CamelPlexRatingKey";
    @Metadata(label = "producer", description = "Library section id.", javaType = "String")
    public static final String SECTION_ID = "CamelPlexSectionId";
    @Metadata(label = "producer", description = "Collection rating key for collections and hubs actions.",
              javaType = "String")
    public static final String COLLECTION = "CamelPlexCollection";
    @Metadata(label = "producer", description = "Managed hub identifier, e.g. custom.collection.1.577628.",
              javaType = "String")
    public static final String IDENTIFIER = "CamelPlexIdentifier";
    @Metadata(label = "producer", description = "Move target: the collection item rating key or hub identifier to "
            + "place after; absent means first.", javaType = "String")
    public static final String AFTER = "CamelPlexAfter";
    @Metadata(label = "producer", description = "Action of the collections or hubs operation.", javaType = "String")
    public static final String ACTION = "CamelPlexAction";
    @Metadata(label = "producer", description = "Collection title for collections create/edit.", javaType = "String")
    public static final String TITLE = "CamelPlexTitle";
    @Metadata(label = "producer", description = "Collection summary for collections edit.", javaType = "String")
    public static final String SUMMARY = "CamelPlexSummary";
    @Metadata(label = "producer", description = "Item type: a number or a name (movie, show, episode, artist, album, "
            + "track).", javaType = "String")
    public static final String ITEM_TYPE = "CamelPlexItemType";
    @Metadata(label = "producer", description = "Hub flag: shown on the library's Recommended tab.", javaType = "Boolean")
    public static final String PROMOTED_TO_RECOMMENDED = "CamelPlexPromotedToRecommended";
    @Metadata(label = "producer", description = "Hub flag: shown on the owner's Home.", javaType = "Boolean")
    public static final String PROMOTED_TO_OWN_HOME = "CamelPlexPromotedToOwnHome";
    @Metadata(label = "producer", description = "Hub flag: shown on shared users' Home.", javaType = "Boolean")
    public static final String PROMOTED_TO_SHARED_HOME = "CamelPlexPromotedToSharedHome";
    @Metadata(label = "producer", description = "Session id (Session.id of a PlexSession) to terminate.",
              javaType = "String")
    public static final String SESSION_ID = "CamelPlexSessionId";
    @Metadata(label = "producer", description = "Reason shown to the viewer when terminating a session.",
              javaType = "String")
    public static final String MESSAGE = "CamelPlexMessage";
    @Metadata(label = "producer", description = "History: only this Plex account id.", javaType = "String")
    public static final String ACCOUNT_ID = "CamelPlexAccountId";
    @Metadata(label = "producer", description = "History: only views at or after this epoch second.", javaType = "Long")
    public static final String VIEWED_SINCE = "CamelPlexViewedSince";

    @Metadata(description = "Output of metadata: the requested rating keys Plex does not have.",
              javaType = "java.util.List<String>")
    public static final String MISSING_RATING_KEYS = "CamelPlexMissingRatingKeys";
    @Metadata(description = "Output of hubs get: false when the collection has no managed hub (the body is then an "
            + "unpromoted placeholder).", javaType = "Boolean")
    public static final String HUB_MANAGED = "CamelPlexHubManaged";
    @Metadata(description = "Output: number of records in a list or map body.", javaType = "Integer")
    public static final String RESULT_COUNT = "CamelPlexResultCount";
    @Metadata(description = "Output: the operation (and action) that produced the body, e.g. hubs.move.",
              javaType = "String")
    public static final String OPERATION = "CamelPlexOperation";

    private PlexConstants() {
    }
}
