package io.mailgw.model.mailbox;

/** Named mailbox fixtures, before defaults. */
final class TestMailboxes {

    private TestMailboxes() {
    }

    static Mailbox imapsInbox() {
        return Mailbox.builder().id("mbx-xpto-in").name("Soporte XPTO (entrada)").type(MailboxType.INBOUND)
                .host("imap.xpto.example").username("soporte@xpto.example").protocol(InboundProtocol.IMAPS).build();
    }

    static Mailbox pop3Inbox() {
        return Mailbox.builder().id("mbx-pop").name("POP").type(MailboxType.INBOUND).host("pop.xpto.example")
                .username("u").protocol(InboundProtocol.POP3).build();
    }

    static Mailbox smtpOutbox() {
        return Mailbox.builder().id("mbx-xpto-out").name("Soporte XPTO (salida)").type(MailboxType.OUTBOUND)
                .host("smtp.xpto.example").username("soporte@xpto.example")
                .from("soporte@xpto.example", "Soporte XPTO").build();
    }
}
