package io.mailgw.config.mailbox;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mailgw.model.FieldViolation;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.mailbox.Mailbox;

/**
 * A mailbox as a client sent it: the document without secrets or timestamps, the secrets given
 * now in plain text (the password, an OAuth2 client secret, refresh token or service account key),
 * and what was wrong with the JSON itself. Not a record, so that no secret ever shows in a
 * {@code toString()}.
 */
public final class MailboxSubmission {

    private final Mailbox draft;
    private final Map<SecretField, String> secrets;
    private final List<FieldViolation> violations;

    MailboxSubmission(Mailbox draft, Map<SecretField, String> secrets, List<FieldViolation> violations) {
        this.draft = draft;
        this.secrets = secrets.isEmpty() ? Map.of() : new EnumMap<>(secrets);
        this.violations = List.copyOf(violations);
    }

    /** The fields as sent, {@code id} {@code null} when absent, its login without any secret. */
    public Mailbox draft() {
        return draft;
    }

    /** The secrets given now. */
    public Set<SecretField> given() {
        return secrets.keySet();
    }

    public boolean has(SecretField field) {
        return secrets.containsKey(field);
    }

    /** The new plain-text value of {@code field}, or {@code null} when none was given. */
    public String secret(SecretField field) {
        return secrets.get(field);
    }

    public boolean hasPassword() {
        return has(SecretField.PASSWORD);
    }

    /** The new plain-text password, or {@code null} when none was given. */
    public String password() {
        return secret(SecretField.PASSWORD);
    }

    /** Fields of the wrong JSON type, unknown, or of the other mailbox type. */
    public List<FieldViolation> violations() {
        return violations;
    }

    @Override
    public String toString() {
        return "MailboxSubmission[" + draft.id() + ", " + draft.type() + ", secrets given " + secrets.keySet() + "]";
    }
}
