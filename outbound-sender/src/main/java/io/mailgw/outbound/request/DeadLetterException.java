package io.mailgw.outbound.request;

/**
 * Ends the handling of a record that must go to the dead-letter topic at once: its outcome
 * ({@code REJECTED} or {@code FAILED}) is already recorded. The code and message become the
 * record's reason headers.
 */
class DeadLetterException extends RuntimeException {

    private final String code;

    DeadLetterException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
