package io.mailgw.config.delivery;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.mailgw.config.web.Violations;
import io.mailgw.model.delivery.DeliveryState;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Which deliveries an operator asks for: by contract, outbox, states and creation time; a part left
 * {@code null} (or no states) does not filter.
 *
 * @param outboxId the outbox a request was (last) sent through
 * @param states   the states wanted; empty for any
 * @param since    only requests created at or after this instant
 */
public record DeliveryFilter(String contractId, String outboxId, Set<DeliveryState> states, Instant since) {

    public static final DeliveryFilter ANY = new DeliveryFilter(null, null, Set.of(), null);

    public DeliveryFilter {
        contractId = blankToNull(contractId);
        outboxId = blankToNull(outboxId);
        states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
    }

    /**
     * Reads the query parameters as given, naming each bad one in {@code violations}: {@code status}
     * takes state names (repeated or comma-separated), {@code since} an ISO-8601 instant such as
     * {@code 2026-11-28T10:15:30Z}.
     */
    public static DeliveryFilter parse(String contractId, String outboxId, List<String> status, String since,
            Violations violations) {
        return new DeliveryFilter(contractId, outboxId, states(status, violations), instant(since, violations));
    }

    Query toQuery() {
        Query query = new Query();
        if (contractId != null) {
            query.addCriteria(Criteria.where("contractId").is(contractId));
        }
        if (outboxId != null) {
            query.addCriteria(Criteria.where("outboxMailboxId").is(outboxId));
        }
        if (!states.isEmpty()) {
            query.addCriteria(Criteria.where("state").in(states.stream().map(Enum::name).toList()));
        }
        if (since != null) {
            query.addCriteria(Criteria.where("createdAt").gte(since));
        }
        return query;
    }

    private static Set<DeliveryState> states(List<String> names, Violations violations) {
        Set<DeliveryState> states = EnumSet.noneOf(DeliveryState.class);
        if (names == null) {
            return states;
        }
        for (String name : names.stream().flatMap(value -> Arrays.stream(value.split(","))).map(String::trim)
                .filter(value -> !value.isEmpty()).toList()) {
            try {
                states.add(DeliveryState.valueOf(name));
            }
            catch (IllegalArgumentException ex) {
                String known = Arrays.stream(DeliveryState.values()).map(Enum::name).collect(Collectors.joining(", "));
                violations.add("status", "json.oneOf", "must be one or more of " + known, known);
            }
        }
        return states;
    }

    private static Instant instant(String since, Violations violations) {
        if (since == null || since.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(since.trim());
        }
        catch (DateTimeParseException ex) {
            violations.add("since", "delivery.since.format",
                    "must be an ISO-8601 instant such as 2026-11-28T10:15:30Z");
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
