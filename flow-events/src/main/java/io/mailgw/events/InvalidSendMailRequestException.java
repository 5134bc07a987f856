package io.mailgw.events;

import java.util.List;

/** A request that breaks the contract's rules, refused before it is published. */
public class InvalidSendMailRequestException extends IllegalArgumentException {

    private final transient List<Violation> violations;

    public InvalidSendMailRequestException(List<Violation> violations) {
        super("Invalid SendMailRequested: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
