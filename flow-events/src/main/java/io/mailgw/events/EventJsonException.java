package io.mailgw.events;

/** A record value that is not valid JSON, or not of the event's shape. */
public class EventJsonException extends RuntimeException {

    private final String field;

    EventJsonException(String field, String message, Throwable cause) {
        super(message, cause);
        this.field = field;
    }

    /** The JSON path at fault ({@code attachments[0].size}), or {@code $} for the whole record. */
    public String field() {
        return field;
    }
}
