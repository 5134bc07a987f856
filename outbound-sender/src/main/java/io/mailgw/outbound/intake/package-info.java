/**
 * The Kafka intake: one consumer that reads the requests topic and the delay topics, hands each
 * request to its outbox's lane without ever talking SMTP, pauses partitions instead of blocking,
 * waits for delay-topic records to come due, and commits each partition's offset only up to the
 * lowest request whose outcome is not yet recorded.
 */
package io.mailgw.outbound.intake;
