/**
 * The outbound benchmark: the sender against smtp-sink, beside smtp-source's limit and a naive
 * {@code @KafkaListener} sender, in one run.
 */
package io.mailgw.bench.outbound;
