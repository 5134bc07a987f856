package io.mailgw.outbound.request;

/**
 * Ends the handling of a record that failed for a reason that may pass: its {@code RETRYING}
 * status is already recorded, and the record moves to the next retry topic.
 */
class RetryLaterException extends RuntimeException {

    private final String code;

    RetryLaterException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
