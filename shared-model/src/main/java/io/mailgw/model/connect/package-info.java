/**
 * The outbound-connection guard every mail connection goes through (poller, sender, connection
 * test): mail ports only, no loopback, private, link-local, multicast or otherwise internal
 * address unless allowed, the host name resolved once and the checked address connected to, and
 * TLS verified against the configured host name with the JVM's trust plus the mailbox's own
 * certificate.
 */
package io.mailgw.model.connect;
