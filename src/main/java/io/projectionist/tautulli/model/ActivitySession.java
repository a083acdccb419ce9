package io.projectionist.tautulli.model;

import java.util.List;

/**
 * One live session from {@code get_activity}. Tautulli sends 247 keys, nearly all as strings; this record keeps
 * the ones Projectionist uses (identity, user, player, item, progress, transcode decision, source and delivered
 * media). {@code viewOffset}/{@code duration} are milliseconds, {@code bandwidth} kbps. Names follow Tautulli's
 * notification parameters so payloads can use them as they are.
 */
public record ActivitySession(
        String sessionKey, String sessionId, String state, String machineId,
        Long userId, String user, String username, String friendlyName, String email, String userThumb,
        String player, String platform, String platformName, String product, String productVersion, String device,
        String ipAddress, String ipAddressPublic, String location, Integer local, Integer relayed, Integer secure,
        Long bandwidth, String qualityProfile,
        String ratingKey, String parentRatingKey, String grandparentRatingKey, String guid, String mediaType,
        String title, String parentTitle, String grandparentTitle, String fullTitle, String originalTitle,
        Integer year, Integer mediaIndex, Integer parentMediaIndex, String sectionId, String libraryName,
        Integer live, String thumb, String parentThumb, String grandparentThumb, String art, String contentRating,
        String studio, String summary, String originallyAvailableAt, Long addedAt,
        List<String> genres, List<String> directors, List<String> actors, List<String> guids,
        Long viewOffset, Long duration, Long streamDuration, Integer progressPercent,
        String transcodeDecision, String videoDecision, String audioDecision, String subtitleDecision,
        String containerDecision, String throttled, String transcodeSpeed, Integer transcodeProgress,
        Integer transcodeHwRequested, Integer transcodeHwDecoding, Integer transcodeHwEncoding,
        String transcodeKey, String transcodeContainer, String transcodeVideoCodec, String transcodeAudioCodec,
        String container, Long bitrate, String videoCodec, String videoResolution, String videoFullResolution,
        String videoDynamicRange, String audioCodec, String audioChannels,
        String streamContainer, Long streamBitrate, String streamVideoCodec, String streamVideoResolution,
        String streamVideoFullResolution, String streamVideoDynamicRange, String streamAudioCodec,
        String streamAudioChannels) {

    public boolean isTranscode() {
        return "transcode".equalsIgnoreCase(transcodeDecision);
    }
}
