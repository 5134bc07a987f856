/**
 * The requests topic: reading and checking each record, handling it through outbox resolution
 * and SMTP, and routing what cannot be sent now to the retry topics or the dead-letter topic.
 */
package io.mailgw.outbound.request;
