package io.projectionist.tautulli.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** A page of {@code get_library_media_info} (Tautulli's datatables envelope); sizes in bytes. */
public record LibraryMediaInfo(@JsonProperty("recordsFiltered") Long recordsFiltered,
        @JsonProperty("recordsTotal") Long recordsTotal, Integer draw, Long filteredFileSize,
        Long totalFileSize, List<Item> data) {

    public LibraryMediaInfo {
        data = data == null ? List.of() : List.copyOf(data);
    }

    public record Item(String sectionId, String sectionType, Long addedAt, String mediaType, String ratingKey,
            String parentRatingKey, String grandparentRatingKey, String title, String sortTitle, Integer year,
            Integer mediaIndex, Integer parentMediaIndex, String thumb, String container, Long bitrate,
            String videoCodec, String videoResolution, String videoFramerate, String audioCodec,
            String audioChannels, Long fileSize, Long lastPlayed, Long playCount) {
    }
}
