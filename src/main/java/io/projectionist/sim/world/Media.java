package io.projectionist.sim.world;

/**
 * The single media version of a playable item (Plex Media + Part + its main streams).
 *
 * @param videoResolution "4k", "1080", "720", "sd", or "" for audio
 * @param bitrate         total kbps
 * @param dynamicRange    "SDR", "HDR10", "Dolby Vision", or "" for audio
 */
public record Media(int id, int partId, int videoStreamId, int audioStreamId, String container, int bitrate,
        int width, int height, String aspectRatio, String videoCodec, String videoProfile, String videoResolution,
        String videoFrameRate, String dynamicRange, int videoBitDepth, int videoBitrate, String audioCodec,
        int audioChannels, String audioChannelLayout, String audioProfile, int audioBitrate, int audioSampleRate,
        String file, long fileSize) {

    public boolean hasVideo() {
        return !videoResolution.isEmpty();
    }

    /** Tautulli's "full" resolution: "1080p", "720p", "4k", "sd"; "p" for audio (sic, observed). */
    public String videoFullResolution() {
        return fullResolution(videoResolution);
    }

    public static String fullResolution(String res) {
        return switch (res) {
            case "4k", "sd" -> res;
            default -> res + "p";
        };
    }
}
