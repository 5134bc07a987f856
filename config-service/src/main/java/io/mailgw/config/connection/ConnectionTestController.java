package io.mailgw.config.connection;

import java.time.Clock;

import io.mailgw.config.web.NotFoundException;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.secret.SecretCipher;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The connection test of CONTRACT §4: {@code POST /api/v1/mailboxes/{id}/test} with the saved
 * values, and {@code POST /api/v1/mailboxes/test} with a mailbox JSON not saved yet. Role ADMIN
 * only, as every POST of the API: it opens connections with credentials. A failed test is
 * {@code 200} with {@code "ok": false}; a body that breaks the mailbox rules is {@code 400}.
 */
@RestController
@RequestMapping("/api/v1/mailboxes")
class ConnectionTestController {

    private final ConnectionTester tester;
    private final MailboxRepository mailboxes;
    private final SecretCipher cipher;
    private final Clock clock;

    ConnectionTestController(ConnectionTester tester, MailboxRepository mailboxes, SecretCipher cipher, Clock clock) {
        this.tester = tester;
        this.mailboxes = mailboxes;
        this.cipher = cipher;
        this.clock = clock;
    }

    @PostMapping("/{id}/test")
    ConnectionTestResult testSaved(@PathVariable String id) {
        return tester.test(MailboxUnderTest.saved(
                mailboxes.findById(id).orElseThrow(() -> new NotFoundException("mailbox", id))));
    }

    /** The body is the mailbox JSON of a create, as the OpenAPI description says. */
    @PostMapping(path = "/test", consumes = MediaType.APPLICATION_JSON_VALUE)
    ConnectionTestResult testUnsaved(@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(ref = "#/components/schemas/Mailbox"))) @RequestBody JsonNode body) {
        return tester.test(MailboxUnderTest.unsaved(body, mailboxes, cipher, clock.instant()));
    }
}
