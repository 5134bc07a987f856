package io.mailgw.outbound.lane;

import io.mailgw.outbound.delivery.DeliveryOutcome;
import io.mailgw.outbound.delivery.ErrorCode;

/** What a lane does with a request offered to it. */
public sealed interface Admission {

    /** Queued; the lane records its outcome. */
    record Queued() implements Admission {
    }

    /** The lane is full and holding delays nobody else long: the intake holds the request back and offers it again. */
    record Held() implements Admission {
    }

    /** Not taken now: the request goes to a delay topic at once, without using an attempt. */
    record Deferred(DeliveryOutcome.Defer outcome) implements Admission {

        static Deferred because(ErrorCode code, String message) {
            return new Deferred(new DeliveryOutcome.Defer(code, message, false));
        }
    }

    Queued QUEUED = new Queued();
    Held HELD = new Held();
}
