/**
 * SMTP delivery: building the message a request asks for, each outbox's pooled connections, sending
 * with partial sending, an overall deadline and a few quick in-place retries, and classifying every
 * failure as retryable, permanent or the outbox's login in one place.
 */
package io.mailgw.outbound.smtp;
