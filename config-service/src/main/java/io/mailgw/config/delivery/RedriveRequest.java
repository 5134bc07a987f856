package io.mailgw.config.delivery;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.mailgw.config.web.JsonFields;
import io.mailgw.config.web.Violations;
import tools.jackson.databind.JsonNode;

/**
 * What to re-drive: the named requests, or every failed request of one outbox; exactly one of the two.
 *
 * @param requestIds the requests named, without repeats, in the order given; empty when by outbox
 * @param outboxId   the outbox whose failed requests are wanted; {@code null} when by ids
 */
public record RedriveRequest(List<String> requestIds, String outboxId) {

    static final String REQUEST_IDS = "requestIds";
    static final String OUTBOX_ID = "outboxId";

    /** CONTRACT §3: the idempotency key's shape. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern MAILBOX_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public RedriveRequest {
        requestIds = List.copyOf(new LinkedHashSet<>(requestIds == null ? List.of() : requestIds));
        if (requestIds.isEmpty() == (outboxId == null)) {
            throw new IllegalArgumentException("a re-drive names request ids or an outbox, exactly one of them");
        }
    }

    public static RedriveRequest ofRequestIds(List<String> requestIds) {
        return new RedriveRequest(requestIds, null);
    }

    public static RedriveRequest ofOutbox(String outboxId) {
        return new RedriveRequest(List.of(), outboxId);
    }

    public boolean byOutbox() {
        return outboxId != null;
    }

    /**
     * Reads {@code {"requestIds": [...]}} or {@code {"outboxId": "..."}}, naming every broken rule.
     *
     * @param maxRequestIds how many ids one call may name
     * @throws io.mailgw.config.web.InvalidRequestException naming the fields at fault
     */
    static RedriveRequest read(JsonNode body, int maxRequestIds) {
        Violations violations = new Violations();
        JsonFields fields = JsonFields.of(body, violations);
        fields.rejectUnknown(Set.of(REQUEST_IDS, OUTBOX_ID), "a re-drive");
        String outboxId = fields.text(OUTBOX_ID);
        List<String> requestIds = fields.isGiven(REQUEST_IDS) ? ids(body.get(REQUEST_IDS), maxRequestIds, violations)
                : null;
        if (fields.isGiven(REQUEST_IDS) && fields.isGiven(OUTBOX_ID)) {
            violations.add(OUTBOX_ID, "delivery.redrive.both", "give requestIds or outboxId, not both");
        }
        else if (!fields.isGiven(REQUEST_IDS) && !fields.isGiven(OUTBOX_ID)) {
            violations.add(REQUEST_IDS, "delivery.redrive.none", "give requestIds (a list of request ids) or outboxId");
        }
        else if (outboxId != null && !MAILBOX_ID.matcher(outboxId).matches()) {
            violations.add(OUTBOX_ID, "id.format", "1 to 64 of A-Z a-z 0-9 . _ -");
        }
        violations.throwIfAny();
        return outboxId != null ? ofOutbox(outboxId) : ofRequestIds(requestIds);
    }

    private static List<String> ids(JsonNode node, int max, Violations violations) {
        if (!node.isArray() || node.isEmpty() || node.size() > max) {
            violations.add(REQUEST_IDS, "delivery.redrive.ids", "must be a list of 1 to " + max + " request ids", max);
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode id = node.get(i);
            if (id.isString() && REQUEST_ID.matcher(id.stringValue()).matches()) {
                ids.add(id.stringValue());
            }
            else {
                violations.add(REQUEST_IDS + "[" + i + "]", "delivery.requestId.format",
                        "must be a request id: 1 to 128 of A-Z a-z 0-9 . _ : -");
            }
        }
        return ids;
    }
}
