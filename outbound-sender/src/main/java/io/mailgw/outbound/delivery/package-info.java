/**
 * The outcome of every request, as data ({@link io.mailgw.outbound.delivery.DeliveryOutcome}), and
 * the one place that records it: the delivery log in MongoDB, the status event, and the Kafka
 * action it implies (a delay topic or the dead-letter topic), before the offset may move.
 */
package io.mailgw.outbound.delivery;
