package io.mailgw.model.mailbox;

/** Whether the gateway reads the mailbox ("Entrada") or sends through it ("Salida"). */
public enum MailboxType {
    INBOUND,
    OUTBOUND
}
