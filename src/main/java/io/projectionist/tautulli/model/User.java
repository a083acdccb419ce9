package io.projectionist.tautulli.model;

import java.util.List;

/** A Tautulli user ({@code get_users} rows, {@code get_user}); {@code userId} 0 is Tautulli's {@code Local} user. */
public record User(Long rowId, Long userId, String username, String friendlyName, String thumb, String userThumb,
        String email, Integer isActive, Integer isAdmin, Integer isHomeUser, Integer isAllowSync,
        Integer isRestricted, Integer doNotify, Integer keepHistory, Integer allowGuest, Integer deletedUser,
        List<String> sharedLibraries, Long lastSeen) {
}
