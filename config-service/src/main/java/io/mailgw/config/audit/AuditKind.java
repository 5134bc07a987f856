package io.mailgw.config.audit;

/** The kind of document a change was made to. */
public enum AuditKind {
    MAILBOX,
    CONTRACT,
    SETTINGS,
    USER,
    DELIVERY,
    /** All stored secrets at once: re-encrypted under a new key. */
    SECRETS
}
