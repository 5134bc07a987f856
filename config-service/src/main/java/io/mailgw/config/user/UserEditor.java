package io.mailgw.config.user;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.regex.Pattern;

import io.mailgw.config.audit.AuditKind;
import io.mailgw.config.audit.AuditLog;
import io.mailgw.config.security.ApiRole;
import io.mailgw.config.security.ApiUser;
import io.mailgw.config.web.ConflictException;
import io.mailgw.config.web.NotFoundException;
import io.mailgw.config.web.Violations;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The decisions behind managing users: names that HTTP Basic can carry and that never change,
 * passwords that BCrypt can hash whole and that are kept as a hash only, one role each, and
 * never fewer than one enabled ADMIN, so that somebody can always sign in and manage the rest.
 * Every change is audited; a new password shows there as the field {@code password}.
 */
@Component
class UserEditor {

    /** 1 to 64 of these: a name that HTTP Basic, a URL path and a log line carry unchanged. */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");
    static final int MIN_PASSWORD_LENGTH = 8;
    /** BCrypt reads no more than 72 bytes of a password; a longer one would match on its first 72 alone. */
    static final int MAX_PASSWORD_BYTES = 72;

    private final MongoOperations mongo;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;
    private final Clock clock;

    UserEditor(MongoOperations mongo, PasswordEncoder passwordEncoder, AuditLog audit, Clock clock) {
        this.mongo = mongo;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.clock = clock;
    }

    ApiUser create(UserSubmission submission, String actor) {
        Violations violations = new Violations().addAll(submission.violations());
        String name = submission.name();
        if (name == null || !NAME.matcher(name).matches()) {
            violations.add("name", "required, 1 to 64 of A-Z a-z 0-9 . _ @ + -");
        }
        if (submission.role() == null) {
            violations.add("role", "required: ADMIN or VIEWER");
        }
        if (!submission.hasPassword()) {
            violations.add("password", "required");
        }
        checkPassword(submission, violations);
        violations.throwIfAny();
        if (mongo.findById(name, ApiUser.class) != null) {
            throw new ConflictException("A user named '" + name + "' exists already; choose another name, or PUT "
                    + UserController.PATH + "/" + name + " to change that one");
        }
        ApiUser saved = mongo.insert(new ApiUser(name, passwordEncoder.encode(submission.password()),
                Set.of(submission.role()), true, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        audit.created(actor, AuditKind.USER, name, UserView.of(saved), true);
        return saved;
    }

    /** Changes the role, the password or both; the name never changes. */
    ApiUser update(String name, UserSubmission submission, String actor) {
        ApiUser stored = find(name);
        Violations violations = new Violations().addAll(submission.violations());
        if (submission.name() != null && !submission.name().equals(name)) {
            violations.add("name", "must be '" + name + "' as in the path, or left out: names never change");
        }
        if (submission.role() == null && !submission.hasPassword() && !violations.has("role")) {
            violations.add("$", "give a new role, a new password or both");
        }
        checkPassword(submission, violations);
        violations.throwIfAny();
        ApiRole role = submission.role() != null ? submission.role() : UserView.roleOf(stored);
        if (role != ApiRole.ADMIN && isLastAdmin(stored)) {
            throw new ConflictException("User '" + name + "' is the last ADMIN; make another user ADMIN first, "
                    + "so that somebody can still manage the gateway");
        }
        String hash = submission.hasPassword() ? passwordEncoder.encode(submission.password()) : stored.passwordHash();
        ApiUser saved = mongo.save(new ApiUser(name, hash, Set.of(role), stored.enabled(), stored.createdAt()));
        audit.updated(actor, AuditKind.USER, name, UserView.of(stored), UserView.of(saved), submission.hasPassword());
        return saved;
    }

    void delete(String name, String actor) {
        ApiUser stored = find(name);
        if (isLastAdmin(stored)) {
            throw new ConflictException("User '" + name + "' is the last ADMIN and cannot be deleted; make another "
                    + "user ADMIN first, so that somebody can still manage the gateway");
        }
        mongo.remove(Query.query(Criteria.where("_id").is(name)), ApiUser.class);
        audit.deleted(actor, AuditKind.USER, name);
    }

    ApiUser find(String name) {
        ApiUser user = mongo.findById(name, ApiUser.class);
        if (user == null) {
            throw new NotFoundException("user", name);
        }
        return user;
    }

    /** Whether {@code user} is an enabled ADMIN and no other enabled ADMIN exists. */
    private boolean isLastAdmin(ApiUser user) {
        if (!user.enabled() || UserView.roleOf(user) != ApiRole.ADMIN) {
            return false;
        }
        return !mongo.exists(Query.query(Criteria.where("roles").is(ApiRole.ADMIN.name()).and("enabled").is(true)
                .and("_id").ne(user.username())), ApiUser.class);
    }

    private static void checkPassword(UserSubmission submission, Violations violations) {
        if (!submission.hasPassword()) {
            return;
        }
        String password = submission.password();
        int bytes = password.getBytes(StandardCharsets.UTF_8).length;
        if (password.length() < MIN_PASSWORD_LENGTH || bytes > MAX_PASSWORD_BYTES) {
            violations.add("password", "must be at least " + MIN_PASSWORD_LENGTH + " characters and at most "
                    + MAX_PASSWORD_BYTES + " bytes in UTF-8 (BCrypt reads no more)");
        }
    }
}
