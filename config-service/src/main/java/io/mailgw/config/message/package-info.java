/**
 * The raw RFC 822 bytes of received messages, as the inbound poller kept them in GridFS before
 * parsing, for replay and support: {@code GET /api/v1/mailboxes/{id}/messages/{eventId}/raw} (ADMIN).
 */
package io.mailgw.config.message;
