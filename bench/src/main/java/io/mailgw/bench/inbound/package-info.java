/**
 * The inbound benchmark: the poller against the bench's own Dovecot, beside a raw {@code UID FETCH}
 * of the same folder, with the latency of new mail and the load of 5,000 mailboxes.
 */
package io.mailgw.bench.inbound;
