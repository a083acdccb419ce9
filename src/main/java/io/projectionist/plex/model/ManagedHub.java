package io.projectionist.plex.model;

/**
 * A hub of a section's "Manage Recommendations" list ({@code GET /hubs/sections/{sid}/manage}), in on-screen order.
 * Collection hubs are {@code custom.collection.{sectionId}.{collectionRatingKey}} and carry {@code deletable="1"};
 * built-ins ({@code movie.recentlyadded}, …) have no {@code deletable} (then {@code null} here).
 * {@code managed} is false only for the placeholder returned for a collection that has no hub yet (the server's
 * empty container), whose flags are all false.
 */
public record ManagedHub(String identifier, String title, boolean promotedToRecommended, boolean promotedToOwnHome,
        boolean promotedToSharedHome, Boolean deletable, String recommendationsVisibility, String homeVisibility,
        boolean managed) {

    private static final String CUSTOM_COLLECTION = "custom.collection.";

    /** The identifier Plex gives a collection's hub. */
    public static String collectionIdentifier(String sectionId, String collectionRatingKey) {
        return CUSTOM_COLLECTION + sectionId + "." + collectionRatingKey;
    }

    /** What Plex answers for a collection that is not managed: all flags off, not yet in the list. */
    public static ManagedHub unmanaged(String sectionId, String collectionRatingKey) {
        return new ManagedHub(collectionIdentifier(sectionId, collectionRatingKey), null, false, false, false, true,
                "none", "none", false);
    }

    /** True for Plex's own hubs (recently added, by genre, …), which can be promoted and moved but never removed. */
    public boolean builtIn() {
        return collectionRatingKey() == null && !Boolean.TRUE.equals(deletable);
    }

    /**
     * The collection's ratingKey for a {@code custom.collection.<sid>.<rk>} hub (the last dot part, as Kometa reads
     * it), or null for any other hub.
     */
    public String collectionRatingKey() {
        if (identifier == null || !identifier.startsWith(CUSTOM_COLLECTION)) {
            return null;
        }
        String[] parts = identifier.split("\\.");
        return parts.length >= 4 && !parts[parts.length - 1].isEmpty() ? parts[parts.length - 1] : null;
    }

    /** {@code all} when promoted to Recommended, else {@code none} (Plex's derivation). */
    public static String deriveRecommendationsVisibility(boolean recommended) {
        return recommended ? "all" : "none";
    }

    /** {@code all|shared|admin|none} from the two home flags (Plex's derivation). */
    public static String deriveHomeVisibility(boolean ownHome, boolean sharedHome) {
        if (ownHome && sharedHome) {
            return "all";
        }
        if (sharedHome) {
            return "shared";
        }
        return ownHome ? "admin" : "none";
    }
}
