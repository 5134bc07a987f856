package io.mailgw.config.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.mailgw.model.FieldViolation;

/**
 * Collects the broken rules of one request, one per field: the first message a field gets is the
 * one the client reads (a {@code port} that is not a number is not also reported as missing).
 */
public final class Violations {

    private final List<FieldViolation> found = new ArrayList<>();

    /** A broken rule without code: the page shows its English message as it is. */
    public Violations add(String field, String message) {
        return add(new FieldViolation(field, message));
    }

    /**
     * A broken rule by its stable {@code code} (the admin page's message bundles translate it), the
     * English {@code message} the API answers with, and the values the message names.
     */
    public Violations add(String field, String code, String message, Object... arguments) {
        return add(FieldViolation.of(field, code, message, arguments));
    }

    public Violations add(FieldViolation violation) {
        if (!has(violation.field())) {
            found.add(violation);
        }
        return this;
    }

    public Violations addAll(Collection<FieldViolation> more) {
        more.forEach(this::add);
        return this;
    }

    public boolean has(String field) {
        return found.stream().anyMatch(violation -> violation.field().equals(field));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<FieldViolation> list() {
        return List.copyOf(found);
    }

    /**
     * @throws InvalidRequestException naming every field collected, when there is one
     */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidRequestException(found);
        }
    }
}
