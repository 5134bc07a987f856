/** Each fetched message: raw bytes kept, parsed, and published on the inbound topic, waiting for Kafka's ack. */
package io.mailgw.inbound.publish;
