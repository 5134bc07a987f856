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

    public Violations add(String field, String message) {
        if (!has(field)) {
            found.add(new FieldViolation(field, message));
        }
        return this;
    }

    public Violations addAll(Collection<FieldViolation> more) {
        more.forEach(violation -> add(violation.field(), violation.message()));
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
