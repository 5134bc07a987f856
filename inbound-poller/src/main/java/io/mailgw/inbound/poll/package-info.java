/**
 * One poll of one mailbox: connect with timeouts, hand the protocol's {@link io.mailgw.inbound.poll.MailFetcher}
 * a sink for each message, and turn the outcome into the mailbox status, metrics and a plain-language failure.
 */
package io.mailgw.inbound.poll;
