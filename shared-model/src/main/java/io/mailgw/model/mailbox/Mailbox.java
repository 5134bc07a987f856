package io.mailgw.model.mailbox;

import java.time.Instant;

import io.mailgw.model.secret.EncryptedPassword;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One account on one mail server (CONTRACT §4), inbound or outbound; the fields of the other
 * type stay {@code null}. The password is stored encrypted only.
 *
 * @param pollIntervalSeconds inbound: seconds between two polls
 * @param version             optimistic lock, managed by Spring Data
 */
@Document(Mailbox.COLLECTION)
public record Mailbox(
        @Id String id,
        String name,
        MailboxType type,
        boolean enabled,
        String contractId,
        String host,
        Integer port,
        String username,
        EncryptedPassword password,
        String trustedCertificatePem,
        InboundProtocol protocol,
        String folder,
        Integer pollIntervalSeconds,
        AfterRead afterRead,
        String moveToFolder,
        StartFrom startFrom,
        String fromAddress,
        String fromName,
        SmtpSecurity security,
        Boolean authRequired,
        Instant createdAt,
        Instant updatedAt,
        @Version Long version) {

    public static final String COLLECTION = "mailboxes";
    public static final String DEFAULT_FOLDER = "INBOX";
    public static final int DEFAULT_POLL_INTERVAL_SECONDS = 60;

    public boolean isInbound() {
        return type == MailboxType.INBOUND;
    }

    public boolean isOutbound() {
        return type == MailboxType.OUTBOUND;
    }

    /** Whether the server asks for a login: always for inbound, per {@code authRequired} for outbound. */
    public boolean needsCredentials() {
        return isInbound() || !Boolean.FALSE.equals(authRequired);
    }

    /**
     * The same mailbox with the defaults of its type filled in: folder {@code INBOX}, poll every
     * 60 s, {@code MARK_SEEN} (POP3: {@code NONE}), start from {@code NOW}; outbound
     * {@code STARTTLS} with AUTH. The standard port of the protocol when none is given.
     */
    public Mailbox withDefaults() {
        if (isInbound()) {
            boolean pop3 = protocol != null && protocol.isPop3();
            return new Mailbox(id, name, type, enabled, contractId, host, port != null ? port : defaultPort(protocol),
                    username, password, trustedCertificatePem, protocol,
                    folder != null ? folder : DEFAULT_FOLDER,
                    pollIntervalSeconds != null ? pollIntervalSeconds : DEFAULT_POLL_INTERVAL_SECONDS,
                    afterRead != null ? afterRead : (pop3 ? AfterRead.NONE : AfterRead.MARK_SEEN),
                    moveToFolder, startFrom != null ? startFrom : StartFrom.NOW,
                    null, null, null, null, createdAt, updatedAt, version);
        }
        if (isOutbound()) {
            SmtpSecurity smtpSecurity = security != null ? security : SmtpSecurity.STARTTLS;
            return new Mailbox(id, name, type, enabled, contractId, host,
                    port != null ? port : (smtpSecurity == SmtpSecurity.SSL ? 465 : 587),
                    username, password, trustedCertificatePem, null, null, null, null, null, null,
                    fromAddress, fromName, smtpSecurity, authRequired != null ? authRequired : Boolean.TRUE,
                    createdAt, updatedAt, version);
        }
        return this;
    }

    /** The same mailbox with another stored password. */
    public Mailbox withPassword(EncryptedPassword newPassword) {
        return new Mailbox(id, name, type, enabled, contractId, host, port, username, newPassword,
                trustedCertificatePem, protocol, folder, pollIntervalSeconds, afterRead, moveToFolder, startFrom,
                fromAddress, fromName, security, authRequired, createdAt, updatedAt, version);
    }

    /** The same mailbox as saved at {@code now}, keeping the version the caller read. */
    public Mailbox stamped(Instant created, Instant now, Long expectedVersion) {
        return new Mailbox(id, name, type, enabled, contractId, host, port, username, password,
                trustedCertificatePem, protocol, folder, pollIntervalSeconds, afterRead, moveToFolder, startFrom,
                fromAddress, fromName, security, authRequired, created, now, expectedVersion);
    }

    /**
     * Where the mailbox lives, for logs and errors, as a URL without secret:
     * {@code imaps://soporte%40xpto.example@imap.xpto.example:993/INBOX} (an {@code @} in the user
     * name is written {@code %40}, so that the host stays the part after the last {@code @}).
     */
    public String describe() {
        String scheme = isInbound() ? (protocol == null ? "inbound" : protocol.name().toLowerCase())
                : (security == SmtpSecurity.SSL ? "smtps" : "smtp");
        String path = isInbound() && folder != null ? "/" + folder : "";
        return scheme + "://" + (username == null ? "" : username.replace("@", "%40") + "@") + host + ":" + port + path;
    }

    private static Integer defaultPort(InboundProtocol protocol) {
        if (protocol == null) {
            return null;
        }
        return switch (protocol) {
            case IMAP -> 143;
            case IMAPS -> 993;
            case POP3 -> 110;
            case POP3S -> 995;
        };
    }
}
