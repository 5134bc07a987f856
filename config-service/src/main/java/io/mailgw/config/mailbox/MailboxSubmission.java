package io.mailgw.config.mailbox;

import java.util.List;

import io.mailgw.model.FieldViolation;
import io.mailgw.model.mailbox.Mailbox;

/**
 * A mailbox as a client sent it: the document without password or timestamps, the new
 * password if one was given, and what was wrong with the JSON itself. Not a record, so that
 * the password never shows in a {@code toString()}.
 */
public final class MailboxSubmission {

    private final Mailbox draft;
    private final String password;
    private final List<FieldViolation> violations;

    MailboxSubmission(Mailbox draft, String password, List<FieldViolation> violations) {
        this.draft = draft;
        this.password = password;
        this.violations = List.copyOf(violations);
    }

    /** The fields as sent, {@code id} {@code null} when absent, no password. */
    public Mailbox draft() {
        return draft;
    }

    /** The new plain-text password, or {@code null} when none was given. */
    public String password() {
        return password;
    }

    public boolean hasPassword() {
        return password != null;
    }

    /** Fields of the wrong JSON type, unknown, or of the other mailbox type. */
    public List<FieldViolation> violations() {
        return violations;
    }

    @Override
    public String toString() {
        return "MailboxSubmission[" + draft.id() + ", " + draft.type() + ", password "
                + (password == null ? "not given" : "given") + "]";
    }
}
