/**
 * One read of one mailbox: connect with timeouts, keep the connection, and the order of work
 * ({@link io.mailgw.inbound.poll.MailPoller}) over the protocol's {@link io.mailgw.inbound.poll.MailFolder},
 * with a plain-language failure for the mailbox status.
 */
package io.mailgw.inbound.poll;
