package io.mailgw.config.connection;

import java.time.Clock;

import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.secret.SecretCipher;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * The connection test of unsaved values for the admin page, whose session the API's HTTP Basic
 * chain does not take: the same reading, guard, trust and probes as
 * {@code POST /api/v1/mailboxes/test}, answered as an {@link Outcome} the page can say in its
 * language by {@code code}.
 */
@Component
public class MailboxConnectionTest {

    private final ConnectionTester tester;
    private final MailboxRepository mailboxes;
    private final SecretCipher cipher;
    private final Clock clock;

    MailboxConnectionTest(ConnectionTester tester, MailboxRepository mailboxes, SecretCipher cipher, Clock clock) {
        this.tester = tester;
        this.mailboxes = mailboxes;
        this.cipher = cipher;
        this.clock = clock;
    }

    /**
     * @param mailbox the mailbox JSON of a create; without password but with the id of a saved
     *                mailbox it logs in with the stored password, towards the saved host only
     * @throws io.mailgw.config.web.InvalidRequestException naming every broken rule
     */
    public Outcome test(JsonNode mailbox) {
        ConnectionTestResult result = tester.test(MailboxUnderTest.unsaved(mailbox, mailboxes, cipher,
                clock.instant()));
        return new Outcome(result.ok(), result.code().name(), result.detail(), result.messageCount(),
                result.idleSupported());
    }

    /**
     * What a test found, as the API's answer says it.
     *
     * @param code          OK, REFUSED, UNREACHABLE, TLS_FAILED, AUTH_FAILED, FOLDER_MISSING or SERVER_ERROR
     * @param detail        in plain English, never a secret
     * @param messageCount  inbound, when the folder was opened
     * @param idleSupported inbound, when the folder was opened
     */
    public record Outcome(boolean ok, String code, String detail, Integer messageCount, Boolean idleSupported) {
    }
}
