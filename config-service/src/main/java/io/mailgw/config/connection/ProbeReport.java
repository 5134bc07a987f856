package io.mailgw.config.connection;

/**
 * What a probe found on a server that let it in.
 *
 * @param messageCount  inbound: messages in the folder, else {@code null}
 * @param idleSupported inbound: whether IMAP IDLE is offered, else {@code null}
 * @param detail        the success in plain words
 */
record ProbeReport(Integer messageCount, Boolean idleSupported, String detail) {
}
