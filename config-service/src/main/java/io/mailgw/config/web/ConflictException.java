package io.mailgw.config.web;

import java.util.List;

/**
 * The request clashes with what is stored (an id already taken, a document still referred to);
 * answered with 409, listing the documents that refer to it.
 */
public class ConflictException extends RuntimeException {

    private final List<Reference> referencedBy;

    public ConflictException(String detail) {
        this(detail, List.of());
    }

    public ConflictException(String detail, List<Reference> referencedBy) {
        super(detail);
        this.referencedBy = List.copyOf(referencedBy);
    }

    public List<Reference> referencedBy() {
        return referencedBy;
    }

    /**
     * A document that refers to the one at stake.
     *
     * @param kind  {@code MAILBOX}, {@code CONTRACT} or {@code SETTINGS}
     * @param field the field of that document holding the reference
     */
    public record Reference(String kind, String id, String field) {
    }
}
