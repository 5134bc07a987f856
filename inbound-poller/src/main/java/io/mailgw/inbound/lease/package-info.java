/**
 * Leases in MongoDB ({@code inbound_leases}, heartbeats in {@code inbound_pollers}) so that several
 * pollers share the mailboxes fairly, each mailbox read by one poller at a time, every lease with a
 * fencing token that checkpoint writes check.
 */
package io.mailgw.inbound.lease;
