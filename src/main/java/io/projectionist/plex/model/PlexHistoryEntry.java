package io.projectionist.plex.model;

/**
 * One row of {@code GET /status/sessions/history/all}. {@code viewedAt} is epoch seconds; {@code accountID} is the
 * Plex account id; {@code historyKey} is {@code /status/sessions/history/{id}}. Two rows may share ratingKey and
 * viewedAt (a real server records duplicates), so use {@link #historyKey()} as the identity.
 */
public record PlexHistoryEntry(String historyKey, String ratingKey, String key, String type, String title,
        String parentTitle, String grandparentTitle, String parentKey, String grandparentKey, String librarySectionID,
        Integer index, Integer parentIndex, String originallyAvailableAt, Long viewedAt, String accountID,
        String deviceID, String thumb) {

    /** The numeric part of {@code historyKey}, or null. */
    public String historyId() {
        if (historyKey == null) {
            return null;
        }
        int slash = historyKey.lastIndexOf('/');
        return slash < 0 ? historyKey : historyKey.substring(slash + 1);
    }
}
