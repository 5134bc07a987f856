/**
 * SMTP delivery: building the message a request asks for, sending it through an outbox with
 * explicit timeouts, and classifying every failure as retryable or permanent in one place.
 */
package io.mailgw.outbound.smtp;
