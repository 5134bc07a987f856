package io.mailgw.outbound.smtp;

/** A request field that cannot become part of a MIME message, although it passed validation. */
public class InvalidMessageException extends Exception {

    private final String field;

    public InvalidMessageException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
