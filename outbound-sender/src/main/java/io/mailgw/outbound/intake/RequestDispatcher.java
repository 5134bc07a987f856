package io.mailgw.outbound.intake;

import java.time.Clock;

import io.mailgw.outbound.delivery.AttemptDetails;
import io.mailgw.outbound.delivery.DeliveryOutcome;
import io.mailgw.outbound.delivery.ErrorCode;
import io.mailgw.outbound.delivery.OutcomeRecorder;
import io.mailgw.outbound.lane.Admission;
import io.mailgw.outbound.lane.OutboxLanes;
import io.mailgw.outbound.outbox.OutboxDecision;
import io.mailgw.outbound.outbox.OutboxDirectory;
import io.mailgw.outbound.outbox.OutboxResolver;
import io.mailgw.outbound.request.InFlightRequest;
import io.mailgw.outbound.request.RequestReader;
import io.mailgw.outbound.request.RequestReading;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.stereotype.Component;

/**
 * What the intake does with each record, on its own thread and without any network wait: read and
 * check it, resolve its outbox from memory (CONTRACT §2), and offer it to that outbox's lane. An
 * outcome known at once (rejected, unknown contract, no outbox, deferred) is recorded later, off
 * this thread, since recording writes to MongoDB.
 */
@Component
class RequestDispatcher {

    private final RequestReader reader;
    private final OutboxDirectory directory;
    private final OutboxResolver resolver;
    private final OutboxLanes lanes;
    private final OutcomeRecorder outcomes;
    private final Clock clock;

    RequestDispatcher(RequestReader reader, OutboxDirectory directory, OutboxResolver resolver, OutboxLanes lanes,
                      OutcomeRecorder outcomes, Clock clock) {
        this.reader = reader;
        this.directory = directory;
        this.resolver = resolver;
        this.lanes = lanes;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /**
     * Reads a record. A record that is no usable request is rejected here and comes back {@code null}.
     *
     * @param progress its partition, which it finishes in
     */
    InFlightRequest read(ConsumerRecord<String, String> record, PartitionProgress progress) {
        long offset = record.offset();
        Runnable finished = () -> progress.done(offset);
        RequestReading reading = reader.read(record.value());
        if (reading instanceof RequestReading.Unreadable unreadable) {
            InFlightRequest rejected = InFlightRequest.unreadable(record, unreadable, clock.instant(), finished,
                    progress::owned);
            outcomes.recordDecision(rejected, AttemptDetails.unresolved(null), DeliveryOutcome.End.rejected(
                    ErrorCode.valueOf(unreadable.code()), unreadable.message()));
            return null;
        }
        return InFlightRequest.readable(record, ((RequestReading.Readable) reading).request(), clock.instant(),
                finished, progress::owned);
    }

    /**
     * Resolves the request's outbox and hands it on.
     *
     * @param othersWaiting whether another contract's mail waits behind this request in its partition
     * @return {@code false} when its lane is full and may hold it: the intake offers it again later
     */
    boolean route(InFlightRequest request, boolean othersWaiting) {
        OutboxDecision decision = resolver.resolve(request.request().outboxOrDefault(),
                directory.candidatesFor(request.request()));
        if (decision instanceof OutboxDecision.UnknownContract unknown) {
            outcomes.recordDecision(request, AttemptDetails.unresolved(null), DeliveryOutcome.End.rejected(
                    ErrorCode.UNKNOWN_CONTRACT, unknown.reason()));
            return true;
        }
        if (decision instanceof OutboxDecision.NoOutbox none) {
            outcomes.recordDecision(request, AttemptDetails.unresolved(none.resolution()),
                    new DeliveryOutcome.RetryLater(ErrorCode.NO_OUTBOX, none.reason()));
            return true;
        }
        OutboxDecision.Use use = (OutboxDecision.Use) decision;
        AttemptDetails details = AttemptDetails.resolved(use.outbox().id(), use.resolution(), use.reason());
        Admission admission = lanes.offer(use.outbox(), request, details, othersWaiting);
        if (admission instanceof Admission.Deferred deferred) {
            outcomes.recordDecision(request, details, deferred.outcome());
        }
        return !(admission instanceof Admission.Held);
    }
}
