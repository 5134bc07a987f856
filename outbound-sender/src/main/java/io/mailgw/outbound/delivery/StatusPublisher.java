package io.mailgw.outbound.delivery;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.EventTypes;
import io.mailgw.events.kafka.GatewayTopicsProperties;
import io.mailgw.outbound.OutboundSenderApplication;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code DeliveryStatus} events, keyed by {@code requestId}, with CloudEvents headers,
 * without waiting: the caller joins the acknowledgement, and the intake commits offsets per batch.
 * The event id is {@code requestId:attempt:status}, so a status published again after a crash is
 * recognisable as the same event.
 */
@Component
class StatusPublisher {

    private final KafkaTemplate<String, String> kafka;
    private final String topic;

    StatusPublisher(KafkaTemplate<String, String> kafka, GatewayTopicsProperties topics) {
        this.kafka = kafka;
        this.topic = topics.outboundStatus();
    }

    CompletableFuture<?> publish(String requestId, int attempt, DeliveryStatus.Status status, String statusJson,
                                 Instant at) {
        String eventId = requestId + ":" + attempt + ":" + status.name().toLowerCase();
        return kafka.send(new ProducerRecord<>(topic, null, requestId, statusJson,
                CloudEventHeaders.of(EventTypes.DELIVERY_STATUS, OutboundSenderApplication.EVENT_SOURCE, eventId, at)));
    }

    String topic() {
        return topic;
    }
}
