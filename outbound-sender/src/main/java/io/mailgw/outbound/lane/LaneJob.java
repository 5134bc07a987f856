package io.mailgw.outbound.lane;

import io.mailgw.outbound.delivery.AttemptDetails;
import io.mailgw.outbound.request.InFlightRequest;

/**
 * A request queued in its outbox's lane, with how its outbox was chosen.
 *
 * @param details the outbox, its resolution and the reason of a fallback
 */
record LaneJob(InFlightRequest request, AttemptDetails details) {
}
