package io.mailgw.model.mailbox;

/** Named mailbox fixtures, before defaults. */
final class TestMailboxes {

    private TestMailboxes() {
    }

    static Mailbox imapsInbox() {
        return new Mailbox("mbx-xpto-in", "Soporte XPTO (entrada)", MailboxType.INBOUND, true, null,
                "imap.xpto.example", null, "soporte@xpto.example", null, null, InboundProtocol.IMAPS, null, null, null,
                null, null, null, null, null, null, null, null, null);
    }

    static Mailbox pop3Inbox() {
        return new Mailbox("mbx-pop", "POP", MailboxType.INBOUND, true, null, "pop.xpto.example", null, "u", null,
                null, InboundProtocol.POP3, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static Mailbox smtpOutbox() {
        return new Mailbox("mbx-xpto-out", "Soporte XPTO (salida)", MailboxType.OUTBOUND, true, null,
                "smtp.xpto.example", null, "soporte@xpto.example", null, null, null, null, null, null, null, null,
                "soporte@xpto.example", "Soporte XPTO", null, null, null, null, null);
    }
}
