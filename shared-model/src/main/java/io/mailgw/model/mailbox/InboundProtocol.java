package io.mailgw.model.mailbox;

/** How an inbound mailbox is read; the S variants speak TLS from the first byte. */
public enum InboundProtocol {
    IMAP,
    IMAPS,
    POP3,
    POP3S;

    public boolean isPop3() {
        return this == POP3 || this == POP3S;
    }

    public boolean isImplicitTls() {
        return this == IMAPS || this == POP3S;
    }
}
