package io.mailgw.inbound.poll;

/**
 * How one read of a mailbox ended.
 *
 * @param published  messages published (or passed as published before)
 * @param more       whether new messages wait still (the read gave others a turn)
 * @param idling     whether the folder now waits for news with IDLE
 * @param failure    why it failed, or {@code null}
 * @param cause      the exception behind the failure, for a debug log, or {@code null}
 * @param abandoned  whether a shutdown or a lost lease stopped it; nothing half-done stays
 */
public record DrainOutcome(int published, boolean more, boolean idling, PollFailure failure, Throwable cause,
                           boolean abandoned) {

    static DrainOutcome done(int published, boolean more, boolean idling) {
        return new DrainOutcome(published, more, idling, null, null, false);
    }

    static DrainOutcome failed(int published, PollFailure failure, Throwable cause) {
        return new DrainOutcome(published, false, false, failure, cause, false);
    }

    static DrainOutcome abandoned(int published) {
        return new DrainOutcome(published, false, false, null, null, true);
    }

    public boolean failed() {
        return failure != null;
    }
}
