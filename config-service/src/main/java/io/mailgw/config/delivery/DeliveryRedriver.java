package io.mailgw.config.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.mailgw.config.audit.AuditLog;
import io.mailgw.events.kafka.GatewayTopicsProperties;
import io.mailgw.model.delivery.DeliveryRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Puts failed requests back on the requests topic, for the API and the admin page alike: finds the
 * candidates in the ledger, reads the dead-letter topic for their last letters
 * ({@link DeadLetterScan}), republishes each with a new ticket ({@link DeadLetterRepublisher}), and
 * audits who re-drove what. The sender takes a requests-topic record whose ticket is the ledger's as
 * a new round of attempts, so each re-driven request ends in exactly one final status again.
 */
@Component
public class DeliveryRedriver {

    private static final Logger log = LoggerFactory.getLogger(DeliveryRedriver.class);

    private final RedriveLedger ledger;
    private final RedriveKafka kafka;
    private final AuditLog audit;
    private final GatewayTopicsProperties topics;
    private final RedriveProperties properties;

    DeliveryRedriver(RedriveLedger ledger, RedriveKafka kafka, AuditLog audit, GatewayTopicsProperties topics,
            RedriveProperties properties) {
        this.ledger = ledger;
        this.kafka = kafka;
        this.audit = audit;
        this.topics = topics;
        this.properties = properties;
    }

    /** How many request ids one re-drive may name. */
    public int maxRequestIds() {
        return properties.maxRequestIds();
    }

    /**
     * @param actor the signed-in user who asked
     * @throws DeadLettersUnreadableException when the dead-letter topic could not be read to its end in
     *                                        time; nothing was re-driven then
     */
    public RedriveOutcome redrive(RedriveRequest request, String actor) {
        long started = System.nanoTime();
        Deadline deadline = Deadline.in(properties.timeout());
        List<String> notFound = new ArrayList<>();
        List<String> notRedrivable = new ArrayList<>();
        Map<String, DeliveryRecord> candidates = candidates(request, notFound, notRedrivable);
        RedriveOutcome outcome;
        try (Consumer<byte[], byte[]> consumer = kafka.consumer()) {
            Map<String, DeadLetter> letters = scan(consumer, candidates, deadline);
            candidates.keySet().stream().filter(requestId -> !letters.containsKey(requestId)).forEach(notFound::add);
            outcome = new DeadLetterRepublisher(consumer, kafka.producer(), ledger, topics.outboundRequestsDlt(),
                    topics.outboundRequests(), deadline).republish(letters, candidates);
        }
        RedriveOutcome all = new RedriveOutcome(outcome.redrivenIds(), concat(notFound, outcome.notFound()),
                concat(notRedrivable, outcome.notRedrivable()), outcome.failed());
        audit.redriven(actor, request.outboxId(), request.byOutbox() ? List.of() : all.redrivenIds(), all.redriven());
        log.info("{} re-drove {} request(s) {} in {} ms: {} not found, {} not redrivable, {} failed", actor,
                all.redriven(), request.byOutbox() ? "of outbox " + request.outboxId() : "by id",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), all.notFound().size(),
                all.notRedrivable().size(), all.failed().size());
        return all;
    }

    /** By id: the named requests that are failed or rejected, the rest sorted out; by outbox: its failed ones. */
    private Map<String, DeliveryRecord> candidates(RedriveRequest request, List<String> notFound,
            List<String> notRedrivable) {
        Map<String, DeliveryRecord> candidates = new LinkedHashMap<>();
        if (request.byOutbox()) {
            ledger.failedThrough(request.outboxId()).forEach(record -> candidates.put(record.requestId(), record));
            return candidates;
        }
        Map<String, DeliveryRecord> known = new LinkedHashMap<>();
        ledger.named(request.requestIds()).forEach(record -> known.put(record.requestId(), record));
        for (String requestId : request.requestIds()) {
            DeliveryRecord record = known.get(requestId);
            if (record == null) {
                notFound.add(requestId);
            }
            else if (RedriveLedger.REDRIVABLE.contains(record.state())) {
                candidates.put(requestId, record);
            }
            else {
                notRedrivable.add(requestId);
            }
        }
        return candidates;
    }

    private Map<String, DeadLetter> scan(Consumer<byte[], byte[]> consumer, Map<String, DeliveryRecord> candidates,
            Deadline deadline) {
        if (candidates.isEmpty()) {
            return Map.of();
        }
        try {
            return new DeadLetterScan(consumer, topics.outboundRequestsDlt(), deadline)
                    .lastLetters(candidates.keySet());
        }
        catch (Deadline.ExceededException | KafkaException ex) {
            throw new DeadLettersUnreadableException("The dead-letter topic " + topics.outboundRequestsDlt()
                    + " could not be read to its end (" + ex.getMessage() + "); nothing was re-driven", ex);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
