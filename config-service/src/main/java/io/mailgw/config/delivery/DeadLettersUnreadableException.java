package io.mailgw.config.delivery;

/**
 * A re-drive could not read the dead-letter topic to its end (Kafka unreachable, or the time ran
 * out); it changed nothing, and may simply be asked again. The API answers 503.
 */
public class DeadLettersUnreadableException extends RuntimeException {

    DeadLettersUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
