package io.mailgw.model.mailbox;

/** What the poller does on the server once a message is published. POP3 knows only DELETE and NONE. */
public enum AfterRead {
    MARK_SEEN,
    MOVE,
    DELETE,
    NONE
}
