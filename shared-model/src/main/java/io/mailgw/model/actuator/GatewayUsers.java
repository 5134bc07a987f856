package io.mailgw.model.actuator;

import java.util.List;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The config service's users ({@code users} collection: {@code _id}, a {@code {bcrypt}} password
 * hash, roles, enabled), read for each login, so that the same admin credentials open the actuator
 * of every service and a user removed or disabled there is refused here at once.
 */
class GatewayUsers implements UserDetailsService {

    static final String COLLECTION = "users";

    private final MongoOperations mongo;

    GatewayUsers(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Document user = mongo.findOne(Query.query(Criteria.where("_id").is(username)), Document.class, COLLECTION);
        if (user == null || user.getString("passwordHash") == null) {
            throw new UsernameNotFoundException("no user " + username);
        }
        List<?> roles = user.getList("roles", Object.class, List.of());
        return User.withUsername(username)
                .password(user.getString("passwordHash"))
                .roles(roles.stream().map(String::valueOf).toArray(String[]::new))
                .disabled(!user.getBoolean("enabled", true))
                .build();
    }
}
