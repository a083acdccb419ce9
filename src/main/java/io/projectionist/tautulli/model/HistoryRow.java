package io.projectionist.tautulli.model;

/**
 * One row of {@code get_history}. With {@code grouping=0} each row is one session segment and {@code id} (=
 * {@code row_id}) is stable: the key to deduplicate on. Durations are seconds, times Unix seconds.
 */
public record HistoryRow(
        Long referenceId, Long rowId, Long id, Long date, Long started, Long stopped, Long duration,
        Long playDuration, Long pausedCounter, Long userId, String user, String friendlyName, String userThumb,
        String platform, String product, String player, String ipAddress, Integer live, String machineId,
        String location, Integer secure, Integer relayed, String mediaType, String ratingKey,
        String parentRatingKey, String grandparentRatingKey, String fullTitle, String title, String parentTitle,
        String grandparentTitle, String originalTitle, Integer year, Integer mediaIndex, Integer parentMediaIndex,
        String thumb, String originallyAvailableAt, String guid, String transcodeDecision, Integer percentComplete,
        Double watchedStatus, Integer groupCount, String groupIds, String state, String sessionKey) {
}
