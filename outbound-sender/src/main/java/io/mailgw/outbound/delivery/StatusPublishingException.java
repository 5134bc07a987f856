package io.mailgw.outbound.delivery;

/**
 * Kafka did not acknowledge a status event. The request's offset stays uncommitted and the
 * record is handled again after a pause, so the outcome is published late rather than lost.
 */
public class StatusPublishingException extends RuntimeException {

    StatusPublishingException(String message, Throwable cause) {
        super(message, cause);
    }
}
