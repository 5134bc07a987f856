package io.mailgw.config.mailbox;

import io.mailgw.model.mailbox.Mailbox;

/** The one copy of a mailbox that the shared record has no wither for. */
final class MailboxCopies {

    private MailboxCopies() {
    }

    /** The same mailbox under the given id. */
    static Mailbox withId(Mailbox m, String id) {
        return new Mailbox(id, m.name(), m.type(), m.enabled(), m.contractId(), m.host(), m.port(), m.username(),
                m.password(), m.trustedCertificatePem(), m.protocol(), m.folder(), m.pollIntervalSeconds(),
                m.afterRead(), m.moveToFolder(), m.startFrom(), m.fromAddress(), m.fromName(), m.security(),
                m.authRequired(), m.createdAt(), m.updatedAt(), m.version());
    }
}
