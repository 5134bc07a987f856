package io.mailgw.outbound.delivery;

import java.time.Instant;
import java.util.List;

import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.DeliveryStatus.RecipientStatus;
import io.mailgw.events.DeliveryStatus.Status;
import io.mailgw.outbound.request.InFlightRequest;

/** The {@code DeliveryStatus} events of one attempt, all stamped with the same time. */
final class StatusFactory {

    private final InFlightRequest request;
    private final AttemptDetails details;
    private final Instant at;

    StatusFactory(InFlightRequest request, AttemptDetails details, Instant at) {
        this.request = request;
        this.details = details;
        this.at = at;
    }

    Instant at() {
        return at;
    }

    DeliveryStatus sent(String smtpReply, List<RecipientStatus> recipients) {
        return status(Status.SENT, smtpReply, null, null, recipients);
    }

    DeliveryStatus retrying(ErrorCode code, String message, Instant nextAttemptAt, List<RecipientStatus> recipients) {
        return status(Status.RETRYING, null, new DeliveryStatus.Error(code.name(), message, true), nextAttemptAt,
                recipients);
    }

    DeliveryStatus failed(ErrorCode code, String message, boolean retryable, List<RecipientStatus> recipients) {
        return status(Status.FAILED, null, new DeliveryStatus.Error(code.name(), message, retryable), null, recipients);
    }

    DeliveryStatus notSent(Status status, DeliveryStatus.Error error, List<RecipientStatus> recipients) {
        return status(status, null, error, null, recipients);
    }

    private DeliveryStatus status(Status status, String smtpReply, DeliveryStatus.Error error, Instant nextAttemptAt,
                                  List<RecipientStatus> recipients) {
        return new DeliveryStatus(request.requestId(), request.contractId(), status, details.outboxMailboxId(),
                details.resolution(), details.resolutionReason(), request.attempt().number(), details.messageId(),
                smtpReply, error, request.context(), at, nextAttemptAt, details.possibleDuplicate() ? Boolean.TRUE : null,
                recipients);
    }
}
