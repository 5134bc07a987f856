/**
 * Which mailbox is due, and running its poll: the mailbox list re-read every tick, leases claimed,
 * a bounded worker pool, never two polls of one mailbox at once.
 */
package io.mailgw.inbound.schedule;
