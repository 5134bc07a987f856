package io.mailgw.config.web;

import java.util.List;

import io.mailgw.model.FieldViolation;

/** The request breaks one or more rules; answered with 400 and an {@code errors} entry per field. */
public class InvalidRequestException extends RuntimeException {

    private final List<FieldViolation> violations;

    public InvalidRequestException(List<FieldViolation> violations) {
        super("Invalid request: " + violations);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid request names at least one field");
        }
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldViolation(field, message)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
