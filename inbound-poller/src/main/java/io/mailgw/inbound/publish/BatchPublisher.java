package io.mailgw.inbound.publish;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.EventTypes;
import io.mailgw.events.MailReceived;
import io.mailgw.events.kafka.GatewayTopicsProperties;
import io.mailgw.inbound.InboundPollerProperties;
import io.mailgw.inbound.checkpoint.Fingerprint;
import io.mailgw.inbound.parse.MailParser;
import io.mailgw.inbound.parse.MessageOrigin;
import io.mailgw.inbound.poll.BatchSink;
import io.mailgw.inbound.poll.BatchSink.Publishing;
import io.mailgw.inbound.poll.FetchedMessage;
import io.mailgw.inbound.poll.MessagePublishException;
import io.mailgw.inbound.poll.MessageRef;
import io.mailgw.inbound.poll.PublishedBatch;
import io.mailgw.inbound.store.GridFsMailStore;
import io.mailgw.model.mailbox.Mailbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes a batch: first every raw message into GridFS (raw before parsing), then each one parsed
 * and sent as {@code MailReceived} without waiting, keyed by mailbox id with CloudEvents headers
 * ({@code ce_id} = event id); the caller then waits once for all of Kafka's acks (acks=all,
 * idempotent producer), when it suits it. The answer names the longest run of messages, from the first, that Kafka
 * acknowledged: only those may be checkpointed and confirmed. A message that may have been
 * published before under other ids (after a UIDVALIDITY change) is skipped when its fingerprint
 * is known, and counts as handled. Counts {@code mailgw.inbound.messages.published} and
 * {@code mailgw.inbound.parse.errors} per mailbox, {@code mailgw.inbound.duplicates.skipped}, and times
 * each batch's steps ({@code mailgw.inbound.batch.step}: store, parse, send, and acks: the time the
 * poller waited for them).
 */
@Component
public class BatchPublisher implements BatchSink {

    static final String SOURCE = "/mailgw/inbound-poller";

    private final KafkaTemplate<String, String> kafka;
    private final GridFsMailStore store;
    private final MailParser parser;
    private final EventSizeGuard sizeGuard;
    private final String topic;
    private final Duration publishTimeout;
    private final Clock clock;
    private final MeterRegistry meters;

    BatchPublisher(KafkaTemplate<String, String> kafka, GridFsMailStore store, MailParser parser,
                   GatewayTopicsProperties topics, InboundPollerProperties properties, Clock clock, MeterRegistry meters) {
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
    public Publishing publish(Mailbox mailbox, List<FetchedMessage> batch, Function<Set<Fingerprint>, Set<Fingerprint>> known) {
        Timer.Sample storing = Timer.start(meters);
        List<String> rawBlobIds = store.storeRaw(mailbox.id(), batch.stream().map(message -> raw(mailbox, message))
                .toList());
        storing.stop(step("store"));
        Timer.Sample parsing = Timer.start(meters);
        List<Parsed> parsed = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            FetchedMessage message = batch.get(i);
            MailReceived event = parser.parse(message.raw(), origin(mailbox, message.ref(), rawBlobIds.get(i)), store);
            parsed.add(new Parsed(message.ref(), event, Fingerprint.of(event.messageId(), message.raw().sha256())));
        }
        parsing.stop(step("parse"));
        Set<Fingerprint> skip = duplicates(parsed, known);
        Timer.Sample sending = Timer.start(meters);
        List<CompletableFuture<SendResult<String, String>>> sent = new ArrayList<>(parsed.size());
        for (int i = 0; i < parsed.size() && !failedAlready(sent); i++) {
            Parsed message = parsed.get(i);
            sent.add(skip.contains(message.fingerprint()) && message.ref().recheck()
                    ? CompletableFuture.completedFuture(null) : send(message.event()));
        }
        sending.stop(step("send"));
        return () -> {
            Timer.Sample waiting = Timer.start(meters);
            PublishedBatch published = awaitAcks(mailbox, parsed, sent, skip.size());
            waiting.stop(step("acks"));
            return published;
        };
    }

    @Override
    public PublishedBatch publishUnreadable(Mailbox mailbox, MessageRef ref, String problem) throws InterruptedException {
        MailReceived event = MailParser.unreadable(origin(mailbox, ref, null), Math.max(ref.size(), 0), problem);
        Parsed parsed = new Parsed(ref, event, Fingerprint.of(null, ref.eventId()));
        return awaitAcks(mailbox, List.of(parsed), List.of(send(event)), 0);
    }

    /**
     * Whether the last record sent failed at once (no broker: each send blocks up to the producer's
     * {@code max.block.ms}): the rest of the batch is then not sent, since only the run of acks from
     * the first message counts, and the connection to the mail server is not left idle meanwhile.
     */
    private static boolean failedAlready(List<CompletableFuture<SendResult<String, String>>> sent) {
        return !sent.isEmpty() && sent.get(sent.size() - 1).isCompletedExceptionally();
    }

    private static Set<Fingerprint> duplicates(List<Parsed> parsed,
                                               Function<Set<Fingerprint>, Set<Fingerprint>> known) {
        Set<Fingerprint> recheck = new HashSet<>();
        parsed.stream().filter(message -> message.ref().recheck()).forEach(message -> recheck.add(message.fingerprint()));
        return recheck.isEmpty() ? Set.of() : known.apply(recheck);
    }

    private PublishedBatch awaitAcks(Mailbox mailbox, List<Parsed> parsed, List<CompletableFuture<SendResult<String, String>>> sent,
                                int skipped) throws InterruptedException {
        long deadline = System.nanoTime() + publishTimeout.toNanos();
        List<MessageRef> acked = new ArrayList<>();
        List<Fingerprint> fingerprints = new ArrayList<>();
        int parseErrors = 0;
        MessagePublishException failure = null;
        for (int i = 0; i < sent.size() && failure == null; i++) {
            Parsed message = parsed.get(i);
            try {
                sent.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked.add(message.ref());
                fingerprints.add(message.fingerprint());
                parseErrors += message.event().parseError() == null ? 0 : 1;
            }
            catch (ExecutionException ex) {
                Throwable cause = ex.getCause() != null ? ex.getCause() : ex;
                failure = new MessagePublishException("publishing " + message.ref().eventId() + " to Kafka topic "
                        + topic + " failed (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")", cause);
            }
            catch (TimeoutException ex) {
                failure = new MessagePublishException("Kafka did not acknowledge " + message.ref().eventId()
                        + " on topic " + topic + " within " + publishTimeout.toSeconds() + " s", ex);
            }
        }
        count(mailbox, acked.size() - skipped, parseErrors, skipped);
        return new PublishedBatch(acked, fingerprints, failure);
    }

    private CompletableFuture<SendResult<String, String>> send(MailReceived event) {
        Instant time = event.receivedAt() != null ? event.receivedAt() : clock.instant();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, null, event.mailboxId(),
                sizeGuard.json(event), CloudEventHeaders.of(EventTypes.MAIL_RECEIVED, SOURCE, event.eventId(), time));
        try {
            return kafka.send(record);
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /** An IMAP message's raw blob follows its folder's others in the index, by UID. */
    private static GridFsMailStore.Raw raw(Mailbox mailbox, FetchedMessage message) {
        MessageRef ref = message.ref();
        return ref.uid() == null ? new GridFsMailStore.Raw(ref.eventId(), message.raw())
                : new GridFsMailStore.Raw(ref.eventId(), message.raw(), mailbox.id() + ":" + ref.uidValidity(), ref.uid());
    }

    private MessageOrigin origin(Mailbox mailbox, MessageRef ref, String rawBlobId) {
        return new MessageOrigin(ref.eventId(), mailbox.id(), mailbox.contractId(),
                mailbox.inbound().protocol() == null ? null : mailbox.inbound().protocol().name(),
                mailbox.inbound().folder(), ref.uidValidity(), ref.uid(), ref.receivedAt(), clock.instant(), rawBlobId);
    }

    /** Time per batch of one step, so that an operator sees where a batch's time goes. */
    private Timer step(String name) {
        return meters.timer("mailgw.inbound.batch.step", "step", name);
    }

    private void count(Mailbox mailbox, int published, int parseErrors, int skipped) {
        if (published > 0) {
            meters.counter("mailgw.inbound.messages.published", "mailbox", mailbox.id(),
                    "protocol", String.valueOf(mailbox.inbound().protocol())).increment(published);
        }
        if (parseErrors > 0) {
            meters.counter("mailgw.inbound.parse.errors", "mailbox", mailbox.id()).increment(parseErrors);
        }
        if (skipped > 0) {
            meters.counter("mailgw.inbound.duplicates.skipped", "mailbox", mailbox.id()).increment(skipped);
        }
    }

    private record Parsed(MessageRef ref, MailReceived event, Fingerprint fingerprint) {
    }
}
