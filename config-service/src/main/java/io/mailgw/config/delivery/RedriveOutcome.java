package io.mailgw.config.delivery;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a re-drive did, request by request.
 *
 * @param redrivenIds   republished to the requests topic with a new ticket, acknowledged by Kafka
 * @param notFound      named ids the ledger does not know, and failed requests without a dead letter
 *                      (never dead-lettered, or aged out of the topic)
 * @param notRedrivable requests that are not failed or rejected (any more): still on their way, sent,
 *                      or re-driven meanwhile by someone else
 * @param failed        found and redrivable, but not republished (Kafka refused, or the time ran out);
 *                      left as they were, to re-drive again
 */
@JsonPropertyOrder({"redriven", "notFound", "notRedrivable", "failed"})
public record RedriveOutcome(@JsonIgnore List<String> redrivenIds, List<String> notFound,
        List<String> notRedrivable, List<String> failed) {

    public RedriveOutcome {
        redrivenIds = List.copyOf(redrivenIds);
        notFound = List.copyOf(notFound);
        notRedrivable = List.copyOf(notRedrivable);
        failed = List.copyOf(failed);
    }

    /** How many requests were put back on the requests topic. */
    @JsonProperty("redriven")
    public int redriven() {
        return redrivenIds.size();
    }
}
