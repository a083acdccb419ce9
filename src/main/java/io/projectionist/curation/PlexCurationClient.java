package io.projectionist.curation;

import io.projectionist.curation.CurationConfig.Flags;
import io.projectionist.plex.PlexClient;
import io.projectionist.plex.PlexException;
import io.projectionist.plex.PlexException.Kind;
import io.projectionist.plex.model.ManagedHub;
import io.projectionist.plex.model.PlexCollection;
import io.projectionist.plex.model.PlexItem;
import io.projectionist.plex.model.PlexItemType;
import io.projectionist.plex.model.PlexSection;
import io.projectionist.support.UpstreamRetry;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@link CurationPlex} over a {@link PlexClient} (the plex component's, so its requests count in the Plex request
 * metric), counting this reconcile's requests. Reads are retried with the shared back-off; writes are not (a retried
 * POST could create a collection twice): a failed write fails the run, and the {@code curation-run} route re-plans
 * from what Plex shows.
 */
public final class PlexCurationClient implements CurationPlex {

    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger writes = new AtomicInteger();
    private final PlexClient plex;
    private final UpstreamRetry retry;

    public PlexCurationClient(PlexClient plex, UpstreamRetry retry) {
        this.plex = plex.withListener((op, method, status) -> ("GET".equals(method) ? reads : writes).incrementAndGet());
        this.retry = retry;
    }

    private <T> T read(String what, Supplier<T> call) {
        return retry.call("curation: Plex " + what, call);
    }

    @Override
    public List<PlexSection> sections() {
        return read("sections", plex::sections);
    }

    @Override
    public List<PlexCollection> collections(String sectionId) {
        return read("collections", () -> plex.collections(sectionId));
    }

    @Override
    public List<String> collectionItems(String collectionKey) {
        return read("collection items", () -> plex.collectionItems(collectionKey)).stream().map(PlexItem::ratingKey)
                .toList();
    }

    @Override
    public List<ManagedHub> managedHubs(String sectionId) {
        return read("managed hubs", () -> plex.managedHubs(sectionId));
    }

    @Override
    public Map<String, PlexItem> metadata(Collection<String> ratingKeys) {
        return read("metadata", () -> plex.metadata(ratingKeys));
    }

    @Override
    public List<PlexItem> items(String sectionId, PlexItemType type, String sort, int max) {
        return read("items", () -> plex.withMaxResults(Math.max(0, max)).items(sectionId, type, sort));
    }

    @Override
    public String createCollection(String sectionId, String title, PlexItemType itemType, List<String> ratingKeys) {
        PlexCollection c = plex.createCollection(sectionId, title, itemType, ratingKeys);
        if (c != null && c.ratingKey() != null) {
            return c.ratingKey();
        }
        // a server that answers without the new collection: find it by title
        return read("collections", () -> plex.collections(sectionId)).stream().filter(x -> title.equals(x.title())).map(PlexCollection::ratingKey)
                .reduce((a, b) -> b).orElseThrow(() -> new PlexException("Plex did not create the collection '" + title
                        + "'", "collections.create", "POST", "/library/collections", 200, Kind.BAD_RESPONSE, false,
                        null, null));
    }

    @Override
    public void addItems(String collectionKey, List<String> ratingKeys) {
        plex.addToCollection(collectionKey, ratingKeys);
    }

    @Override
    public void removeItems(String collectionKey, List<String> ratingKeys) {
        plex.removeFromCollection(collectionKey, ratingKeys);
    }

    @Override
    public void moveItem(String collectionKey, String itemKey, String after) {
        plex.moveCollectionItem(collectionKey, itemKey, after);
    }

    @Override
    public void setSort(String collectionKey, int collectionSort) {
        plex.setCollectionSort(collectionKey, collectionSort);
    }

    @Override
    public void setVisibility(String sectionId, String collectionKey, String identifier, Flags flags, boolean create) {
        if (create) {
            plex.addManagedHub(sectionId, collectionKey, flags.recommended(), flags.home(), flags.shared());
        } else {
            plex.promoteHub(sectionId, identifier, flags.recommended(), flags.home(), flags.shared());
        }
    }

    @Override
    public void moveHub(String sectionId, String identifier, String after) {
        plex.moveHub(sectionId, identifier, after);
    }

    @Override
    public int reads() {
        return reads.get();
    }

    @Override
    public int writes() {
        return writes.get();
    }
}
