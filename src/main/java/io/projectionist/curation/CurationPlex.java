package io.projectionist.curation;

import io.projectionist.curation.CurationConfig.Flags;
import io.projectionist.plex.model.ManagedHub;
import io.projectionist.plex.model.PlexCollection;
import io.projectionist.plex.model.PlexItem;
import io.projectionist.plex.model.PlexItemType;
import io.projectionist.plex.model.PlexSection;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What curation reads from and writes to Plex: a narrow seam over the Plex client, so the reconciler is tested
 * against the simulator and unit tests can inject failures.
 */
public interface CurationPlex {

    List<PlexSection> sections();

    List<PlexCollection> collections(String sectionId);

    /** Rating keys of the collection's items in display order. */
    List<String> collectionItems(String collectionKey);

    List<ManagedHub> managedHubs(String sectionId);

    /** The existing subset of the keys. */
    Map<String, PlexItem> metadata(Collection<String> ratingKeys);

    /** A section's items of one type, sorted, at most {@code max} (all when {@code max <= 0}). */
    List<PlexItem> items(String sectionId, PlexItemType type, String sort, int max);

    /** @return the new collection's rating key */
    String createCollection(String sectionId, String title, PlexItemType itemType, List<String> ratingKeys);

    void addItems(String collectionKey, List<String> ratingKeys);

    void removeItems(String collectionKey, List<String> ratingKeys);

    void moveItem(String collectionKey, String itemKey, String after);

    /** {@code PUT /library/collections/{rk}/prefs?collectionSort=} (0 release date, 1 title, 2 custom). */
    void setSort(String collectionKey, int collectionSort);

    /** Sets all three flags; {@code create} adds the collection's hub first (POST), else updates it (PUT). */
    void setVisibility(String sectionId, String collectionKey, String identifier, Flags flags, boolean create);

    void moveHub(String sectionId, String identifier, String after);

    /** Plex requests made so far: GETs. */
    int reads();

    /** Plex requests made so far: everything but GET. */
    int writes();
}
