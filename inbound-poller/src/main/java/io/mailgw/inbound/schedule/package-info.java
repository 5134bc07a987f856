/**
 * When each held mailbox is read, and running its reads: the mailbox list re-read, the fair share
 * of leases taken, due reads started on a bounded worker pool (never two of one mailbox at once),
 * IDLE news read at once, backoff after failures, and the health of the scheduler itself.
 */
package io.mailgw.inbound.schedule;
