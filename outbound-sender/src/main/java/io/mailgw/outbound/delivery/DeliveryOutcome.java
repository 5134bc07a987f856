package io.mailgw.outbound.delivery;

import java.util.List;
import java.util.Objects;

import io.mailgw.events.DeliveryStatus.RecipientStatus;
import io.mailgw.events.DeliveryStatus.Status;

/**
 * What became of one attempt at a request, as data. {@link OutcomeRecorder} is the one place that
 * records an outcome and turns it into the Kafka action it implies.
 */
public sealed interface DeliveryOutcome {

    /**
     * The server accepted the message for every recipient still open, or some of them refused it
     * for good.
     *
     * @param recipients one outcome per recipient when they did not all end alike, else {@code null}
     */
    record Sent(String smtpReply, List<String> acceptedRecipients, List<RecipientStatus> recipients)
            implements DeliveryOutcome {

        public Sent {
            acceptedRecipients = List.copyOf(acceptedRecipients);
        }
    }

    /**
     * A failure that may pass: {@code RETRYING} through the next delay topic, or {@code FAILED} when
     * the attempts are spent.
     *
     * @param acceptedRecipients recipients a server accepted in this or an earlier attempt, never sent to again
     */
    record RetryLater(ErrorCode code, String message, List<String> acceptedRecipients,
                      List<RecipientStatus> recipients) implements DeliveryOutcome {

        public RetryLater {
            Objects.requireNonNull(code, "code");
            acceptedRecipients = List.copyOf(acceptedRecipients);
        }

        public RetryLater(ErrorCode code, String message) {
            this(code, message, List.of(), null);
        }
    }

    /**
     * Not tried now, without using an attempt: the outbox is busy, rate-limited, its circuit is
     * open, or its login fails ({@code untilAdminFix}: it waits in the longest delay topic, up to
     * {@code mailgw.outbound.retry.auth-failed-max-wait}).
     */
    record Defer(ErrorCode code, String message, boolean untilAdminFix) implements DeliveryOutcome {

        public Defer {
            Objects.requireNonNull(code, "code");
        }
    }

    /** {@code FAILED} or {@code REJECTED} for good: the record goes to the dead-letter topic. */
    record End(Status status, ErrorCode code, String message, List<RecipientStatus> recipients)
            implements DeliveryOutcome {

        public End {
            if (status != Status.FAILED && status != Status.REJECTED) {
                throw new IllegalArgumentException("an end is FAILED or REJECTED, not " + status);
            }
            Objects.requireNonNull(code, "code");
        }

        public static End failed(ErrorCode code, String message) {
            return new End(Status.FAILED, code, message, null);
        }

        public static End rejected(ErrorCode code, String message) {
            return new End(Status.REJECTED, code, message, null);
        }
    }
}
