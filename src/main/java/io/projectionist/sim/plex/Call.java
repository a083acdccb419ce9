package io.projectionist.sim.plex;

import com.sun.net.httpserver.Headers;
import io.projectionist.sim.world.User;
import java.util.List;

/**
 * One authenticated request: the method, the decoded path segments, the query, who asks (role and account) and
 * whether the answer is JSON. The role rules every resource applies live here.
 */
record Call(String method, List<String> path, Query q, Headers headers, Role role, User user, boolean json) {

    /** Who is asking: the server's owner or a user it shares sections with. */
    enum Role {
        ADMIN, SHARED
    }

    boolean admin() {
        return role == Role.ADMIN;
    }

    void requireAdmin() {
        if (role != Role.ADMIN) {
            throw PlexFailure.forbidden("admin only");
        }
    }

    /** The admin sees every section; a shared user only those shared with them. */
    boolean sees(int sectionId) {
        return admin() || user.sharedSections().contains(sectionId);
    }
}
