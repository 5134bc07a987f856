package io.mailgw.config.security;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Looks API users up in MongoDB on every request (the API is stateless: no session remembers a login). */
@Component
class ApiUserDetailsService implements UserDetailsService {

    private final MongoOperations mongo;

    ApiUserDetailsService(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        ApiUser user = mongo.findById(username, ApiUser.class);
        if (user == null) {
            throw new UsernameNotFoundException("No API user of this name");
        }
        return User.withUsername(user.username())
                .password(user.passwordHash())
                .roles(user.roles().stream().map(ApiRole::name).toArray(String[]::new))
                .disabled(!user.enabled())
                .build();
    }
}
