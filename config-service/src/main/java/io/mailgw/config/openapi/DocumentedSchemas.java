package io.mailgw.config.openapi;

import java.time.Instant;
import java.util.List;

import io.mailgw.config.security.ApiRole;
import io.mailgw.model.auth.AuthMethod;
import io.mailgw.model.auth.OAuth2Grant;
import io.mailgw.model.auth.OAuth2Provider;
import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.SmtpSecurity;
import io.mailgw.model.mailbox.StartFrom;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.AccessMode;

/**
 * The JSON shapes of CONTRACT §4 as the OpenAPI description shows them. The controllers read their
 * bodies field by field (to name every broken rule at once), so the shapes are written down here
 * once instead of being inferred; {@link ApiBodies} puts them on the operations.
 */
final class DocumentedSchemas {

    private DocumentedSchemas() {
    }

    @Schema(name = "Mailbox", description = "One flat shape for both types: the INBOUND fields or the OUTBOUND "
            + "ones, never both. Responses never carry the password or another secret, only passwordSet and auth's "
            + "...Set fields.")
    record Mailbox(
            @Schema(description = "1 to 64 of A-Z a-z 0-9 . _ -; made by the server when left out on create; "
                    + "never changes", example = "mbx-xpto-in") String id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Soporte XPTO (entrada)") String name,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) MailboxType type,
            @Schema(defaultValue = "true") Boolean enabled,
            @Schema(description = "the contract the mailbox belongs to", example = "xpto") String contractId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "imap.xpto.example") String host,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "993") Integer port,
            @Schema(example = "soporte@xpto.example") String username,
            @Schema(accessMode = AccessMode.WRITE_ONLY, format = "password", description = "write-only: no "
                    + "response carries it; left out on replace, the stored one stays") String password,
            @Schema(accessMode = AccessMode.READ_ONLY, description = "whether a password is stored")
            Boolean passwordSet,
            @Schema(description = "how the mailbox logs in; {\"method\": \"PASSWORD\"} when left out") MailboxAuth auth,
            @Schema(description = "a CA or server certificate (PEM) to trust for this server only")
            String trustedCertificatePem,
            @Schema(description = "INBOUND only") InboundProtocol protocol,
            @Schema(description = "INBOUND only; POP3 has only INBOX", defaultValue = "INBOX") String folder,
            @Schema(description = "INBOUND only, 10 to 86400", defaultValue = "60") Integer pollIntervalSeconds,
            @Schema(description = "INBOUND only; POP3: DELETE or NONE") AfterRead afterRead,
            @Schema(description = "INBOUND only, when afterRead is MOVE") String moveToFolder,
            @Schema(description = "INBOUND only", defaultValue = "NOW") StartFrom startFrom,
            @Schema(description = "OUTBOUND only: the From of every mail sent", example = "soporte@xpto.example")
            String fromAddress,
            @Schema(description = "OUTBOUND only") String fromName,
            @Schema(description = "OUTBOUND only") SmtpSecurity security,
            @Schema(description = "OUTBOUND only: SMTP AUTH") Boolean authRequired,
            @Schema(accessMode = AccessMode.READ_ONLY) Instant createdAt,
            @Schema(accessMode = AccessMode.READ_ONLY) Instant updatedAt) {
    }

    @Schema(name = "MailboxAuth", description = "A password ({\"method\": \"PASSWORD\"}, with the mailbox's "
            + "password) or an OAuth2 grant, whose access token is sent with SASL XOAUTH2. Secrets are write-only: "
            + "responses say which are set. A replace that changes host, port, security/protocol, provider, tenantId "
            + "or tokenUri without giving the stored secret again is refused, naming that field.")
    record MailboxAuth(
            @Schema(defaultValue = "PASSWORD") AuthMethod method,
            @Schema(description = "OAUTH2: whose token endpoint; MICROSOFT and GOOGLE are presets")
            OAuth2Provider provider,
            @Schema(description = "OAUTH2: MICROSOFT takes CLIENT_CREDENTIALS or REFRESH_TOKEN, GOOGLE "
                    + "REFRESH_TOKEN or JWT_BEARER") OAuth2Grant grant,
            @Schema(description = "MICROSOFT only: the directory id or a domain", example = "contoso.onmicrosoft.com")
            String tenantId,
            @Schema(description = "the OAuth2 client (application) id") String clientId,
            @Schema(accessMode = AccessMode.WRITE_ONLY, format = "password", description = "write-only; required for "
                    + "CLIENT_CREDENTIALS and for GOOGLE") String clientSecret,
            @Schema(accessMode = AccessMode.WRITE_ONLY, format = "password", description = "REFRESH_TOKEN, write-only: "
                    + "given once, or obtained by signing in on the admin page") String refreshToken,
            @Schema(accessMode = AccessMode.WRITE_ONLY, description = "JWT_BEARER, write-only: the service account's "
                    + "JSON key file, as text or as an object") String serviceAccountKey,
            @Schema(description = "JWT_BEARER: the user to act for; the mailbox's username when left out")
            String subject,
            @Schema(description = "the token endpoint, https:// only; the provider's when left out, required for "
                    + "GENERIC") String tokenUri,
            @Schema(description = "scopes separated by spaces; the provider's for the mailbox's protocol when left "
                    + "out, required for GENERIC") String scope,
            @Schema(accessMode = AccessMode.READ_ONLY) Boolean clientSecretSet,
            @Schema(accessMode = AccessMode.READ_ONLY) Boolean refreshTokenSet,
            @Schema(accessMode = AccessMode.READ_ONLY) Boolean serviceAccountKeySet,
            @Schema(accessMode = AccessMode.READ_ONLY, description = "the account that signed in") String account,
            @Schema(accessMode = AccessMode.READ_ONLY, description = "when it signed in") Instant connectedAt) {
    }

    @Schema(name = "Contract", description = "A customer contract and the outbox it may link")
    record Contract(
            @Schema(description = "1 to 64 of A-Z a-z 0-9 . _ -; made by the server when left out on create; "
                    + "never changes", example = "xpto") String id,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "Empresa XPTO") String name,
            @Schema(description = "an OUTBOUND mailbox; optional, the default outbox serves otherwise",
                    example = "mbx-xpto-out") String outboundMailboxId,
            @Schema(accessMode = AccessMode.READ_ONLY) Instant createdAt,
            @Schema(accessMode = AccessMode.READ_ONLY) Instant updatedAt) {
    }

    @Schema(name = "Settings", description = "The system's settings")
    record Settings(
            @Schema(description = "the OUTBOUND mailbox every contract can fall back on; null unsets it",
                    example = "mbx-default-out") String defaultOutboxId,
            @Schema(accessMode = AccessMode.READ_ONLY) Instant updatedAt) {
    }

    @Schema(name = "User", description = "Who may sign in, and with which role. On update, role and/or password.")
    record User(
            @Schema(description = "1 to 64 of A-Z a-z 0-9 . _ @ + -; never changes", example = "ana") String name,
            ApiRole role,
            @Schema(accessMode = AccessMode.WRITE_ONLY, format = "password",
                    description = "write-only, 8 characters to 72 bytes; stored as a BCrypt hash only")
            String password,
            @Schema(accessMode = AccessMode.READ_ONLY) Boolean enabled,
            @Schema(accessMode = AccessMode.READ_ONLY) Instant createdAt) {
    }

    @Schema(name = "Configuration", description = "All mailboxes, contracts and the settings at once, without "
            + "secrets; on import, mailboxes may carry a password, and one left out keeps the stored one")
    record Configuration(List<Mailbox> mailboxes, List<Contract> contracts, Settings settings) {
    }
}
