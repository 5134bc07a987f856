package io.mailgw.model;

/** One rule a document breaks, naming its JSON field. */
public record FieldViolation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
