package io.mailgw.config.mailbox;

import java.time.Instant;

import io.mailgw.model.auth.SecretField;
import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.InboundSettings;
import io.mailgw.model.mailbox.MailServer;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.OutboundSettings;
import io.mailgw.model.mailbox.SmtpSecurity;
import io.mailgw.model.mailbox.StartFrom;

/**
 * A mailbox as the API shows it: the one flat JSON of CONTRACT §4 with the fields of its own type
 * only, {@code passwordSet} instead of the password, and {@code auth} saying which secrets are set;
 * no response ever carries a secret, not even encrypted.
 */
public sealed interface MailboxView {

    static MailboxView of(Mailbox mailbox) {
        return mailbox.isInbound() ? Inbound.of(mailbox) : Outbound.of(mailbox);
    }

    record Inbound(String id, String name, MailboxType type, boolean enabled, String contractId, String host,
            Integer port, String username, boolean passwordSet, AuthView auth, String trustedCertificatePem,
            InboundProtocol protocol, String folder, Integer pollIntervalSeconds, AfterRead afterRead,
            String moveToFolder, StartFrom startFrom, Boolean idle, Boolean requireTls, Instant createdAt,
            Instant updatedAt) implements MailboxView {

        static Inbound of(Mailbox m) {
            MailServer server = m.server();
            InboundSettings in = m.inbound();
            return new Inbound(m.id(), m.name(), m.type(), m.enabled(), m.contractId(), server.host(), server.port(),
                    m.username(), m.auth().hasSecret(SecretField.PASSWORD), AuthView.of(m.auth()),
                    server.trustedCertificatePem(), in.protocol(), in.folder(), in.pollIntervalSeconds(),
                    in.afterRead(), in.moveToFolder(), in.startFrom(), in.idle(), in.requireTls(), m.createdAt(),
                    m.updatedAt());
        }
    }

    record Outbound(String id, String name, MailboxType type, boolean enabled, String contractId, String host,
            Integer port, String username, boolean passwordSet, AuthView auth, String trustedCertificatePem,
            String fromAddress, String fromName, SmtpSecurity security, Boolean authRequired, Integer maxConnections,
            Integer maxPerMinute, Instant createdAt, Instant updatedAt) implements MailboxView {

        static Outbound of(Mailbox m) {
            MailServer server = m.server();
            OutboundSettings out = m.outbound();
            return new Outbound(m.id(), m.name(), m.type(), m.enabled(), m.contractId(), server.host(), server.port(),
                    m.username(), m.auth().hasSecret(SecretField.PASSWORD), AuthView.of(m.auth()),
                    server.trustedCertificatePem(), out.fromAddress(), out.fromName(), out.security(),
                    out.authRequired(), out.maxConnections(), out.maxPerMinute(), m.createdAt(), m.updatedAt());
        }
    }
}
