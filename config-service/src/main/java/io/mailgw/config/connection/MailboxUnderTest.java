package io.mailgw.config.connection;

import io.mailgw.config.mailbox.MailboxJsonReader;
import io.mailgw.config.mailbox.MailboxSubmission;
import io.mailgw.config.web.Violations;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.mailbox.MailboxValidator;
import io.mailgw.model.secret.PasswordCipher;
import tools.jackson.databind.JsonNode;

/**
 * The mailbox a connection test uses and the password it logs in with: a saved mailbox with its
 * stored password, or the values of a form not saved yet, read and checked by the rules of a
 * create. A form without password that names a saved mailbox uses that mailbox's password, but
 * only towards the host it was saved for: typing another host needs the password typed again, so
 * that a test never hands a stored password to a new server. Not a record, so that the password
 * never shows in a {@code toString()}.
 */
final class MailboxUnderTest {

    static final String NO_PASSWORD = "No password is stored for this mailbox; set one to log in.";

    private final Mailbox mailbox;
    private final String password;
    private final String passwordProblem;

    private MailboxUnderTest(Mailbox mailbox, String password, String passwordProblem) {
        this.mailbox = mailbox;
        this.password = password;
        this.passwordProblem = passwordProblem;
    }

    /** A saved mailbox; without password when none is stored or it cannot be decrypted, which the test then says. */
    static MailboxUnderTest saved(Mailbox mailbox, PasswordCipher cipher) {
        if (mailbox.password() == null) {
            return new MailboxUnderTest(mailbox, null, NO_PASSWORD);
        }
        try {
            return new MailboxUnderTest(mailbox, cipher.decrypt(mailbox.password()), null);
        }
        catch (IllegalStateException ex) {
            return new MailboxUnderTest(mailbox, null, ex.getMessage() + ".");
        }
    }

    /**
     * @param body a mailbox JSON as for a create
     * @throws io.mailgw.config.web.InvalidRequestException naming every broken rule
     */
    static MailboxUnderTest unsaved(JsonNode body, MailboxRepository mailboxes, PasswordCipher cipher) {
        MailboxSubmission submission = MailboxJsonReader.read(body, null);
        Mailbox draft = submission.draft();
        Violations violations = new Violations().addAll(submission.violations());
        Mailbox stored = submission.hasPassword() || draft.id() == null ? null
                : mailboxes.findById(draft.id()).filter(saved -> saved.password() != null).orElse(null);
        String host = draft.server().host();
        String storedHost = stored == null ? null : stored.server().host();
        if (stored != null && host != null && !host.equalsIgnoreCase(storedHost)) {
            violations.add("password", "connection.password.otherHost", "type the password to test against "
                    + host + ": the saved password is only sent to " + storedHost, host, storedHost);
            stored = null;
        }
        Mailbox candidate = draft.withDefaults();
        violations.addAll(MailboxValidator.validate(candidate, submission.hasPassword() || stored != null));
        violations.throwIfAny();
        if (submission.hasPassword()) {
            return new MailboxUnderTest(candidate, submission.password(), null);
        }
        if (stored == null) {
            return new MailboxUnderTest(candidate, null, NO_PASSWORD);
        }
        MailboxUnderTest withStoredPassword = saved(stored, cipher);
        return new MailboxUnderTest(candidate, withStoredPassword.password, withStoredPassword.passwordProblem);
    }

    Mailbox mailbox() {
        return mailbox;
    }

    /** The plain password, or {@code null}. */
    String password() {
        return password;
    }

    /** Why there is no password, in plain words; {@code null} when there is one. */
    String passwordProblem() {
        return passwordProblem;
    }

    @Override
    public String toString() {
        return "MailboxUnderTest[" + mailbox.describe() + ", password " + (password == null ? "none" : "given") + "]";
    }
}
