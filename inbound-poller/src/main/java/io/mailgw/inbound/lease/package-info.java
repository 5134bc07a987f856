/** Leases in MongoDB ({@code inbound_leases}) so that several pollers share the mailboxes, each read by one at a time. */
package io.mailgw.inbound.lease;
