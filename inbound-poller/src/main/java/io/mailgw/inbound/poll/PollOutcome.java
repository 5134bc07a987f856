package io.mailgw.inbound.poll;

/**
 * How one poll ended.
 *
 * @param published messages published
 * @param failure   why it failed, or {@code null}
 * @param cause     the exception behind the failure, for a debug log, or {@code null}
 * @param abandoned whether a shutdown interrupted it (nothing half-done: the checkpoint moves per message)
 */
public record PollOutcome(int published, PollFailure failure, Throwable cause, boolean abandoned) {

    static PollOutcome succeeded(int published) {
        return new PollOutcome(published, null, null, false);
    }

    static PollOutcome failed(int published, PollFailure failure, Throwable cause) {
        return new PollOutcome(published, failure, cause, false);
    }

    static PollOutcome interrupted() {
        return new PollOutcome(0, null, null, true);
    }

    public boolean failed() {
        return failure != null;
    }
}
