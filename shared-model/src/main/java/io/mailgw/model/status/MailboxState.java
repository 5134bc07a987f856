package io.mailgw.model.status;

/** A mailbox's health as an operator reads it (CONTRACT §4, {@code /status}). */
public enum MailboxState {
    OK,
    DEGRADED,
    AUTH_FAILED,
    TLS_FAILED,
    UNREACHABLE,
    DISABLED
}
