package io.mailgw.config.connection;

import java.time.Instant;

import io.mailgw.config.mailbox.MailboxJsonReader;
import io.mailgw.config.mailbox.MailboxSubmission;
import io.mailgw.config.mailbox.SecretCarryOver;
import io.mailgw.config.web.Violations;
import io.mailgw.model.auth.OAuth2Login;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.mailbox.MailboxValidator;
import io.mailgw.model.oauth.AccessTokens;
import io.mailgw.model.secret.LoginSecrets;
import io.mailgw.model.secret.SecretCipher;
import jakarta.mail.MessagingException;
import tools.jackson.databind.JsonNode;

/**
 * The mailbox a connection test uses, with its secrets sealed as they would be stored: a saved
 * mailbox, or the values of a form not saved yet, read and checked by the rules of a create. A
 * form that names a saved mailbox keeps its stored secrets only as a replacement would
 * ({@link SecretCarryOver}): towards the server (and token endpoint) they were saved for, so that
 * a test never hands a stored secret to a new server. Its login secret (a password or an access
 * token) is read at the moment of the test only.
 */
final class MailboxUnderTest {

    /** The id secrets of a form without one are sealed for; never saved. */
    private static final String UNSAVED_ID = "connection-test";

    private final Mailbox mailbox;
    private final boolean saved;

    private MailboxUnderTest(Mailbox mailbox, boolean saved) {
        this.mailbox = mailbox;
        this.saved = saved;
    }

    static MailboxUnderTest saved(Mailbox mailbox) {
        return new MailboxUnderTest(mailbox, true);
    }

    /**
     * @param body a mailbox JSON as for a create
     * @throws io.mailgw.config.web.InvalidRequestException naming every broken rule
     */
    static MailboxUnderTest unsaved(JsonNode body, MailboxRepository mailboxes, SecretCipher cipher, Instant now) {
        MailboxSubmission submission = MailboxJsonReader.read(body, null);
        Mailbox draft = submission.draft();
        Violations violations = new Violations().addAll(submission.violations());
        String id = draft.id() != null ? draft.id() : UNSAVED_ID;
        Mailbox candidate = draft.toBuilder().id(id).build().withDefaults();
        Mailbox stored = draft.id() == null ? null : mailboxes.findById(draft.id()).orElse(null);
        SecretCarryOver.Carried carried = SecretCarryOver.carry(stored, candidate, submission.given());
        carried.refusals().forEach(refusal -> violations.add(refusal.secret().path(),
                "connection." + refusal.secret().jsonName() + ".otherHost", "type the " + refusal.secret().jsonName()
                        + " to test against " + candidate.server().host() + ": the saved one is only sent to the "
                        + "server it was saved for", candidate.server().host(), stored.server().host()));
        Mailbox sealed = candidate.toBuilder()
                .auth(SecretCarryOver.withGiven(carried.auth(), submission, id, cipher, now)).build();
        violations.addAll(MailboxValidator.validate(sealed, carried.refused()));
        violations.throwIfAny();
        return new MailboxUnderTest(sealed, false);
    }

    Mailbox mailbox() {
        return mailbox;
    }

    /**
     * The password, or an access token: a saved mailbox's as the poller and the sender get it
     * (cached), a form's from its own values (not cached).
     *
     * @throws MessagingException why there is none: no secret stored, one that cannot be decrypted,
     *                            a token endpoint that refuses or does not answer
     */
    String loginSecret(LoginSecrets logins, AccessTokens accessTokens) throws MessagingException {
        if (!saved && mailbox.auth() instanceof OAuth2Login) {
            return accessTokens.accessTokenOnce(mailbox);
        }
        if (!mailbox.auth().hasSecret(SecretField.PASSWORD) && !(mailbox.auth() instanceof OAuth2Login)) {
            throw new ProbeFailedException(ConnectionTestCode.AUTH_FAILED,
                    "No password is stored for this mailbox; set one to log in.");
        }
        return logins.secretFor(mailbox);
    }

    @Override
    public String toString() {
        return "MailboxUnderTest[" + mailbox.describe() + (saved ? ", saved" : ", unsaved") + "]";
    }
}
