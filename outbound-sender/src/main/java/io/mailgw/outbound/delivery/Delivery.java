package io.mailgw.outbound.delivery;

import java.time.Instant;

import io.mailgw.events.DeliveryStatus.Status;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The delivery record of one request, keyed by {@code requestId} ({@code _id}, so unique): its
 * latest status, and whether that status has reached Kafka. Once {@code SENT}, {@code FAILED} or
 * {@code REJECTED} it never changes again, which makes a replayed or duplicated event a no-op.
 *
 * @param statusJson the latest {@code DeliveryStatus} exactly as published (or to be published);
 *                   kept as JSON because engines' free {@code context} keys may hold dots
 * @param origin     {@code topic-partition@offset} of the record that produced the latest status,
 *                   to tell a redelivery of that record from a duplicate
 * @param published  whether Kafka acknowledged {@code statusJson}
 */
@Document(Delivery.COLLECTION)
public record Delivery(
        @Id String requestId,
        Status status,
        int attempt,
        String messageId,
        String errorCode,
        String errorMessage,
        String statusJson,
        String origin,
        boolean published,
        Instant createdAt,
        Instant updatedAt) {

    public static final String COLLECTION = "deliveries";

    public boolean isFinal() {
        return status.isFinal();
    }
}
