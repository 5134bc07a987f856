package io.mailgw.config.user;

import java.time.Instant;

import io.mailgw.config.security.ApiRole;
import io.mailgw.config.security.ApiUser;

/**
 * A user as the API shows it: never the password, nor its hash.
 *
 * @param role    ADMIN when the user has that role, VIEWER otherwise
 * @param enabled {@code false} only for a user an operator switched off by hand in MongoDB
 */
record UserView(String name, ApiRole role, boolean enabled, Instant createdAt) {

    static UserView of(ApiUser user) {
        return new UserView(user.username(), roleOf(user), user.enabled(), user.createdAt());
    }

    static ApiRole roleOf(ApiUser user) {
        return user.roles() != null && user.roles().contains(ApiRole.ADMIN) ? ApiRole.ADMIN : ApiRole.VIEWER;
    }
}
