package io.mailgw.config.user;

import java.util.List;
import java.util.Set;

import io.mailgw.config.security.ApiRole;
import io.mailgw.config.web.JsonFields;
import io.mailgw.config.web.Violations;
import io.mailgw.model.FieldViolation;
import tools.jackson.databind.JsonNode;

/**
 * A user as a client sent it, {@code {"name", "role", "password"}}, and what was wrong with its
 * JSON. Not a record, so that the password never shows in a {@code toString()}. The
 * {@code createdAt} and {@code enabled} of a response are accepted and ignored.
 */
final class UserSubmission {

    private static final Set<String> KNOWN = Set.of("name", "role", "password", "enabled", "createdAt");

    private final String name;
    private final ApiRole role;
    private final String password;
    private final List<FieldViolation> violations;

    private UserSubmission(String name, ApiRole role, String password, List<FieldViolation> violations) {
        this.name = name;
        this.role = role;
        this.password = password;
        this.violations = List.copyOf(violations);
    }

    static UserSubmission read(JsonNode body) {
        Violations violations = new Violations();
        JsonFields json = JsonFields.of(body, violations);
        json.rejectUnknown(KNOWN, "a user");
        return new UserSubmission(json.text("name"), json.oneOf("role", ApiRole.class), json.text("password"),
                violations.list());
    }

    /** The name as sent, {@code null} when absent. */
    String name() {
        return name;
    }

    /** The role as sent, {@code null} when absent or not a role. */
    ApiRole role() {
        return role;
    }

    /** The new plain-text password, {@code null} when none was given. */
    String password() {
        return password;
    }

    boolean hasPassword() {
        return password != null;
    }

    /** Fields of the wrong JSON type or unknown. */
    List<FieldViolation> violations() {
        return violations;
    }

    @Override
    public String toString() {
        return "UserSubmission[" + name + ", " + role + ", password " + (password == null ? "not given" : "given")
                + "]";
    }
}
