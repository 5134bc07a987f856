package io.mailgw.events;

/** One broken rule of an event, naming the JSON field at fault ({@code to[1]}, {@code subject}). */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
