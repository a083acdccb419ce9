package io.projectionist.curation;

import java.util.List;

/**
 * One exact change to Plex, as planned. A collection that does not exist yet is referred to by title
 * ({@code collectionKey == null}); its hub identifier then holds the placeholder {@code {new:Title}}, replaced by
 * the rating key once the collection is created.
 *
 * @param op            what to do
 * @param sectionId     the library section
 * @param collection    the collection's title (collection and hub changes of a collection)
 * @param collectionKey the collection's rating key, null for one created by this plan
 * @param hub           the hub identifier (visibility and hub moves)
 * @param items         rating keys (create, add, remove; the moved item for MOVE_ITEM)
 * @param after         moves: the item or hub to place it after; null = first
 * @param before        the state before (flags, sort, position), for the plan and the audit log
 * @param target        the state after
 * @param text          one readable line
 * @param writes        how many Plex requests the change costs
 */
public record Change(Op op, String sectionId, String collection, String collectionKey, String hub, List<String> items,
        String after, Object before, Object target, String text, int writes) {

    public Change {
        items = items == null ? List.of() : List.copyOf(items);
    }

    public enum Op {
        CREATE_COLLECTION, REMOVE_ITEMS, ADD_ITEMS, SET_SORT, MOVE_ITEM, SET_VISIBILITY, MOVE_HUB
    }

    /** Placeholder for the rating key of a collection this plan creates. */
    public static String newKey(String title) {
        return "{new:" + title + "}";
    }

    /**
     * What a verification pass compares: a change counts as verified when the plan made from Plex's state after
     * applying has no change with the same subject.
     */
    public String subject() {
        return switch (op) {
            case MOVE_HUB -> op + "|" + sectionId;
            case MOVE_ITEM -> op + "|" + sectionId + "|" + collection;
            case SET_VISIBILITY -> op + "|" + sectionId + "|" + (collection != null ? "c:" + collection : hub);
            default -> op + "|" + sectionId + "|" + collection;
        };
    }
}
