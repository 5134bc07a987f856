package io.mailgw.outbound.delivery;

import java.util.Optional;

import io.mailgw.events.DeliveryStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Records the outcome of a request in the order the guarantees need: delivery record in MongoDB
 * first, then the status event acknowledged by Kafka, then the record marked as published. A
 * crash in between leaves a record whose status is published when the request is seen again.
 */
@Component
public class DeliveryOutcomes {

    private final DeliveryLedger ledger;
    private final StatusPublisher publisher;
    private final MeterRegistry meters;

    DeliveryOutcomes(DeliveryLedger ledger, StatusPublisher publisher, MeterRegistry meters) {
        this.ledger = ledger;
        this.publisher = publisher;
        this.meters = meters;
    }

    /** The request's delivery record, if it was seen before. */
    public Optional<Delivery> earlier(String requestId) {
        return ledger.find(requestId);
    }

    /**
     * Records and publishes one status.
     *
     * @param origin {@code topic-partition@offset} of the record being handled
     * @return false, recording nothing, when the request had already ended
     */
    public boolean record(DeliveryStatus status, String origin) {
        Optional<Delivery> stored = ledger.store(status, origin);
        if (stored.isEmpty()) {
            return false;
        }
        publish(stored.get());
        count(status);
        return true;
    }

    /** Publishes the latest status of a request seen again, when a crash kept it from Kafka. */
    public void publishIfPending(Delivery delivery) {
        if (!delivery.published()) {
            publish(delivery);
        }
    }

    private void publish(Delivery delivery) {
        publisher.publish(delivery);
        ledger.markPublished(delivery);
    }

    private void count(DeliveryStatus status) {
        Counter.builder("mailgw.outbound.deliveries")
                .description("Status events of send requests, by status and outbox resolution")
                .tag("status", status.status().name().toLowerCase())
                .tag("resolution", status.outboxResolution() == null ? "none" : status.outboxResolution().name())
                .register(meters)
                .increment();
    }
}
