package io.mailgw.config.mailbox;

import java.time.Instant;

import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.SmtpSecurity;
import io.mailgw.model.mailbox.StartFrom;

/**
 * A mailbox as the API shows it: the fields of its own type only, and {@code passwordSet}
 * instead of the password, which no response ever carries, not even encrypted.
 */
public sealed interface MailboxView {

    static MailboxView of(Mailbox mailbox) {
        return mailbox.isInbound() ? Inbound.of(mailbox) : Outbound.of(mailbox);
    }

    record Inbound(String id, String name, MailboxType type, boolean enabled, String contractId, String host,
            Integer port, String username, boolean passwordSet, String trustedCertificatePem,
            InboundProtocol protocol, String folder, Integer pollIntervalSeconds, AfterRead afterRead,
            String moveToFolder, StartFrom startFrom, Instant createdAt, Instant updatedAt) implements MailboxView {

        static Inbound of(Mailbox m) {
            return new Inbound(m.id(), m.name(), m.type(), m.enabled(), m.contractId(), m.host(), m.port(),
                    m.username(), m.password() != null, m.trustedCertificatePem(), m.protocol(), m.folder(),
                    m.pollIntervalSeconds(), m.afterRead(), m.moveToFolder(), m.startFrom(), m.createdAt(),
                    m.updatedAt());
        }
    }

    record Outbound(String id, String name, MailboxType type, boolean enabled, String contractId, String host,
            Integer port, String username, boolean passwordSet, String trustedCertificatePem, String fromAddress,
            String fromName, SmtpSecurity security, Boolean authRequired, Instant createdAt, Instant updatedAt)
            implements MailboxView {

        static Outbound of(Mailbox m) {
            return new Outbound(m.id(), m.name(), m.type(), m.enabled(), m.contractId(), m.host(), m.port(),
                    m.username(), m.password() != null, m.trustedCertificatePem(), m.fromAddress(), m.fromName(),
                    m.security(), m.authRequired(), m.createdAt(), m.updatedAt());
        }
    }
}
