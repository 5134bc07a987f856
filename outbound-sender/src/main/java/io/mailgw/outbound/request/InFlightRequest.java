package io.mailgw.outbound.request;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import io.mailgw.events.SendMailRequested;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One record of the requests topic or a delay topic on its way through the sender, from the
 * moment it is read until its outcome is recorded and {@link #finish()} lets its offset move.
 * Not a record: it carries the record's value, which no {@code toString()} should print.
 */
public final class InFlightRequest {

    private final ConsumerRecord<String, String> record;
    private final RecordAttempt attempt;
    private final SendMailRequested request;
    private final String requestId;
    private final String contractId;
    private final Map<String, String> context;
    private final Instant readAt;
    private final Runnable finished;
    private final BooleanSupplier owned;

    private InFlightRequest(ConsumerRecord<String, String> record, SendMailRequested request, String requestId,
                            String contractId, Map<String, String> context, Instant readAt, Runnable finished,
                            BooleanSupplier owned) {
        this.record = record;
        this.attempt = RecordAttempt.of(record);
        this.request = request;
        this.requestId = requestId;
        this.contractId = contractId;
        this.context = context == null ? Map.of() : Map.copyOf(context);
        this.readAt = readAt;
        this.finished = finished;
        this.owned = owned;
    }

    /** A request that passed the contract's rules. */
    public static InFlightRequest readable(ConsumerRecord<String, String> record, SendMailRequested request,
                                           Instant readAt, Runnable finished, BooleanSupplier owned) {
        Objects.requireNonNull(request, "request");
        return new InFlightRequest(record, request, request.requestId(), request.contractId(), request.context(),
                readAt, finished, owned);
    }

    /** A record that is not a usable request; what could be read of it, to answer with a status. */
    public static InFlightRequest unreadable(ConsumerRecord<String, String> record, RequestReading.Unreadable reading,
                                             Instant readAt, Runnable finished, BooleanSupplier owned) {
        return new InFlightRequest(record, null, reading.requestId(), reading.contractId(), reading.context(), readAt,
                finished, owned);
    }

    public ConsumerRecord<String, String> record() {
        return record;
    }

    public RecordAttempt attempt() {
        return attempt;
    }

    /** The request, or {@code null} for an unreadable record. */
    public SendMailRequested request() {
        return request;
    }

    /** The request's id, or {@code null} when an unreadable record names none. */
    public String requestId() {
        return requestId;
    }

    public String contractId() {
        return contractId;
    }

    public Map<String, String> context() {
        return context;
    }

    /** When the intake read the record, for the latency from event to reply. */
    public Instant readAt() {
        return readAt;
    }

    /** Whether this sender still owns the record's partition; a request it lost is left to the new owner. */
    public boolean owned() {
        return owned.getAsBoolean();
    }

    /** The outcome is recorded and acknowledged (or the record is left to another owner): its offset may move. */
    public void finish() {
        finished.run();
    }

    /** Bytes of the record's value, for the intake's memory bound. */
    public int size() {
        return record.serializedValueSize() < 0 ? 0 : record.serializedValueSize();
    }

    @Override
    public String toString() {
        return "InFlightRequest[" + requestId + " from " + attempt.origin() + ", attempt " + attempt.number() + "]";
    }
}
