package io.mailgw.config.contract;

import java.util.List;
import java.util.Set;

import io.mailgw.config.web.JsonFields;
import io.mailgw.config.web.Violations;
import io.mailgw.model.FieldViolation;
import io.mailgw.model.contract.Contract;
import tools.jackson.databind.JsonNode;

/**
 * A contract as a client sent it, {@code {"id", "name", "outboundMailboxId"}}, and what was wrong
 * with its JSON. The timestamps of a response are accepted and ignored.
 */
public record ContractSubmission(Contract draft, List<FieldViolation> violations) {

    private static final Set<String> KNOWN = Set.of("id", "name", "outboundMailboxId", "createdAt", "updatedAt");

    public static ContractSubmission read(JsonNode body) {
        Violations violations = new Violations();
        JsonFields json = JsonFields.of(body, violations);
        json.rejectUnknown(KNOWN, "a contract");
        Contract draft = new Contract(json.text("id"), json.text("name"), json.text("outboundMailboxId"),
                null, null, null);
        return new ContractSubmission(draft, violations.list());
    }
}
