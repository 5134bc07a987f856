package io.mailgw.outbound.delivery;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.EventTypes;
import io.mailgw.outbound.OutboundSenderApplication;
import io.mailgw.events.kafka.GatewayTopicsProperties;
import io.mailgw.outbound.OutboundProperties;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code DeliveryStatus} events, keyed by {@code requestId}, with CloudEvents headers,
 * and waits for Kafka's acknowledgement.
 */
@Component
class StatusPublisher {


    private final KafkaTemplate<String, String> kafka;
    private final String topic;
    private final Duration timeout;

    StatusPublisher(KafkaTemplate<String, String> kafka, GatewayTopicsProperties topics, OutboundProperties properties) {
        this.kafka = kafka;
        this.topic = topics.outboundStatus();
        this.timeout = properties.statusSendTimeout();
    }

    void publish(Delivery delivery) {
        String eventId = delivery.requestId() + ":" + delivery.attempt() + ":" + delivery.status().name().toLowerCase();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, null, delivery.requestId(),
                delivery.statusJson(), CloudEventHeaders.of(EventTypes.DELIVERY_STATUS, OutboundSenderApplication.EVENT_SOURCE, eventId,
                delivery.updatedAt()));
        try {
            kafka.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new StatusPublishingException("Interrupted while publishing the " + delivery.status()
                    + " status of " + delivery.requestId() + " to " + topic, ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new StatusPublishingException("Publishing the " + delivery.status() + " status of "
                    + delivery.requestId() + " to " + topic + " failed (" + ex.getMessage()
                    + "); the request is handled again after a pause", ex);
        }
    }
}
