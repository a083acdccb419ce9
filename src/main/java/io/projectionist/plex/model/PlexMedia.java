package io.projectionist.plex.model;

import java.util.List;

/**
 * One media version of an item ({@code <Media>}). {@code videoResolution} is Plex's string ({@code "480"},
 * {@code "1080"}, {@code "4k"}, {@code "sd"}); {@code bitrate} in kbps; {@code duration} in ms.
 */
public record PlexMedia(String id, Long duration, Integer bitrate, Integer width, Integer height, Double aspectRatio,
        String videoResolution, String container, String videoCodec, String audioCodec, Integer audioChannels,
        String videoFrameRate, String videoProfile, Boolean selected, List<PlexPart> parts) {

    public PlexMedia {
        parts = parts == null ? List.of() : List.copyOf(parts);
    }
}
