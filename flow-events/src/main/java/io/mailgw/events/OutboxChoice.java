package io.mailgw.events;

/** Which outbox a send step asked for (CONTRACT §2): the system default, or the contract's own. */
public enum OutboxChoice {
    DEFAULT,
    SPECIFIC
}
