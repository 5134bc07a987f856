package io.mailgw.inbound.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.EventJson;
import io.mailgw.events.EventTypes;
import io.mailgw.events.MailReceived;
import io.mailgw.events.kafka.GatewayTopicsProperties;
import io.mailgw.inbound.InboundPollerProperties;
import io.mailgw.inbound.parse.MailParser;
import io.mailgw.inbound.parse.MessageOrigin;
import io.mailgw.inbound.poll.FetchedMessage;
import io.mailgw.inbound.poll.MessagePublishException;
import io.mailgw.inbound.poll.MessageSink;
import io.mailgw.inbound.store.GridFsMailStore;
import io.mailgw.model.mailbox.Mailbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Per message, in this order: keep the raw bytes in GridFS, parse them, publish {@code MailReceived}
 * keyed by mailbox id with CloudEvents headers ({@code ce_id} = event id), and wait for Kafka's ack
 * (acks=all, idempotent producer). Only when this returns may the caller move the checkpoint.
 * Counts {@code mailgw.inbound.messages.published} per mailbox.
 */
@Component
class ReceivedMailPublisher implements MessageSink {

    static final String SOURCE = "/mailgw/inbound-poller";

    private final KafkaTemplate<String, String> kafka;
    private final GridFsMailStore store;
    private final MailParser parser;
    private final EventSizeGuard sizeGuard;
    private final String topic;
    private final Duration publishTimeout;
    private final Clock clock;
    private final MeterRegistry meters;

    ReceivedMailPublisher(KafkaTemplate<String, String> kafka, GridFsMailStore store, MailParser parser,
                          GatewayTopicsProperties topics, InboundPollerProperties properties, Clock clock,
                          MeterRegistry meters) {
        this.kafka = kafka;
        this.store = store;
        this.parser = parser;
        this.sizeGuard = new EventSizeGuard(properties.eventMax().toBytes());
        this.topic = topics.inboundMessages();
        this.publishTimeout = properties.publishTimeout();
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void publish(FetchedMessage message) throws InterruptedException {
        Mailbox mailbox = message.mailbox();
        String rawBlobId = store.storeRaw(message.eventId(), mailbox.id(), message.raw());
        MailReceived event = parser.parse(message.raw(), origin(message, rawBlobId), store);
        String json = sizeGuard.json(event);
        send(event, json);
        meters.counter("mailgw.inbound.messages.published", "mailbox", mailbox.id(),
                "protocol", String.valueOf(mailbox.inbound().protocol())).increment();
    }

    private MessageOrigin origin(FetchedMessage message, String rawBlobId) {
        Mailbox mailbox = message.mailbox();
        return new MessageOrigin(message.eventId(), mailbox.id(), mailbox.contractId(),
                mailbox.inbound().protocol() == null ? null : mailbox.inbound().protocol().name(),
                mailbox.inbound().folder(),
                message.uidValidity(), message.uid(), message.receivedAt(), clock.instant(), rawBlobId);
    }

    private void send(MailReceived event, String json) throws InterruptedException {
        Instant time = event.receivedAt() != null ? event.receivedAt() : clock.instant();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, null, event.mailboxId(), json,
                CloudEventHeaders.of(EventTypes.MAIL_RECEIVED, SOURCE, event.eventId(), time));
        try {
            kafka.send(record).get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException ex) {
            Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
            throw new MessagePublishException("publishing " + event.eventId() + " to Kafka topic " + topic
                    + " failed (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")", cause);
        }
        catch (TimeoutException ex) {
            throw new MessagePublishException("Kafka did not acknowledge " + event.eventId() + " on topic " + topic
                    + " within " + publishTimeout.toSeconds() + " s", ex);
        }
    }
}
