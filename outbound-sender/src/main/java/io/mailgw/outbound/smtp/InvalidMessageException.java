package io.mailgw.outbound.smtp;

/** A request field that cannot become part of a MIME message, although it passed validation. */
class InvalidMessageException extends Exception {

    private final String field;

    InvalidMessageException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    String field() {
        return field;
    }
}
