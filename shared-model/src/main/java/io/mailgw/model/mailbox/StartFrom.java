package io.mailgw.model.mailbox;

/** Where a new inbound mailbox starts: only mail that arrives after it is saved, or all mail already there. */
public enum StartFrom {
    NOW,
    ALL
}
