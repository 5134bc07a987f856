package io.mailgw.config.security;

import java.time.Instant;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user of the API, in the {@code users} collection, keyed by user name, managed by an admin at
 * {@code /api/v1/users}: {@code {"_id": "ana", "passwordHash": "{bcrypt}$2a$10$...",
 * "roles": ["VIEWER"], "enabled": true}}.
 *
 * @param passwordHash the password as the delegating encoder stores it: {@code {bcrypt}$2a$10$...}
 */
@Document(ApiUser.COLLECTION)
public record ApiUser(@Id String username, String passwordHash, Set<ApiRole> roles, boolean enabled,
        Instant createdAt) {

    public static final String COLLECTION = "users";

    @Override
    public String toString() {
        return "ApiUser[username=" + username + ", roles=" + roles + ", enabled=" + enabled + "]";
    }
}
