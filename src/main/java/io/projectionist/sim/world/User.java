package io.projectionist.sim.world;

import java.util.List;

/**
 * A Plex account with its Tautulli record.
 *
 * @param index          position in {@link World#users()} (the history stores this)
 * @param userId         Tautulli user id (1001, 1002, ...)
 * @param plexAccountId  Plex account id as /status/sessions shows it (admin = 1)
 * @param rowId          Tautulli users-table row id
 * @param sharedSections section ids the user can see
 */
public record User(int index, int userId, int plexAccountId, int rowId, String username, String friendlyName,
        String email, String thumb, boolean admin, boolean homeUser, List<Integer> sharedSections) {

    public List<String> sharedSectionStrings() {
        return sharedSections.stream().map(String::valueOf).toList();
    }
}
