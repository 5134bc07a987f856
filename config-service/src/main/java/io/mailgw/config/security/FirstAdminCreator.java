package io.mailgw.config.security;

import java.time.Clock;
import java.util.Set;

import io.mailgw.config.audit.AuditKind;
import io.mailgw.config.audit.AuditLog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * At start, before the server takes requests: when no API user exists, creates the first ADMIN
 * from {@code MAILGW_ADMIN_USER} / {@code MAILGW_ADMIN_PASSWORD}, or refuses to start when they
 * are not set. Once a user exists, the two variables are ignored. The password is read from the
 * environment at this moment only and kept nowhere but as a hash.
 */
@Component
class FirstAdminCreator implements InitializingBean {

    static final String USER_PROPERTY = "mailgw.admin.user";
    static final String PASSWORD_PROPERTY = "mailgw.admin.password";

    private static final Logger log = LoggerFactory.getLogger(FirstAdminCreator.class);

    private final MongoOperations mongo;
    private final PasswordEncoder passwordEncoder;
    private final Environment environment;
    private final AuditLog audit;
    private final Clock clock;

    FirstAdminCreator(MongoOperations mongo, PasswordEncoder passwordEncoder, Environment environment, AuditLog audit,
            Clock clock) {
        this.mongo = mongo;
        this.passwordEncoder = passwordEncoder;
        this.environment = environment;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        String username = environment.getProperty(USER_PROPERTY);
        if (mongo.exists(new Query(), ApiUser.class)) {
            if (username != null && !username.isBlank()) {
                log.info("API users exist already; MAILGW_ADMIN_USER ({}) is ignored, it only creates the first admin",
                        username);
            }
            return;
        }
        String password = environment.getProperty(PASSWORD_PROPERTY);
        if (username == null || username.isBlank() || password == null || password.isBlank()) {
            throw new FirstAdminMissingException();
        }
        if (username.contains(":") || !username.strip().equals(username)) {
            throw new IllegalStateException("MAILGW_ADMIN_USER must not contain ':' nor begin or end with a space: "
                    + "HTTP Basic could not send it");
        }
        create(username, password);
    }

    private void create(String username, String password) {
        try {
            mongo.insert(new ApiUser(username, passwordEncoder.encode(password), Set.of(ApiRole.ADMIN), true,
                    clock.instant()));
            log.info("Created the first API user '{}' with role ADMIN from MAILGW_ADMIN_USER / MAILGW_ADMIN_PASSWORD",
                    username);
            audit.created(AuditLog.SYSTEM, AuditKind.USER, username, new AuditedUser(username, ApiRole.ADMIN), true);
        }
        catch (DuplicateKeyException ex) {
            log.info("The first API user '{}' was created by another instance of the config service meanwhile",
                    username);
        }
    }

    /** The first admin as the users API shows a user, for the audit log. */
    record AuditedUser(String name, ApiRole role) {
    }
}
