package io.mailgw.config.delivery;

import java.time.Duration;

/**
 * The end of the time one re-drive may take, as each of its blocking calls asks for it. Measured on
 * the monotonic clock: elapsed time, whatever the wall clock says.
 */
final class Deadline {

    /** The smallest wait handed to a Kafka call. */
    private static final Duration MINIMUM = Duration.ofMillis(1);

    private final long endNanos;
    private final Duration total;

    private Deadline(Duration total) {
        this.total = total;
        this.endNanos = System.nanoTime() + total.toNanos();
    }

    static Deadline in(Duration total) {
        return new Deadline(total);
    }

    Duration remaining() {
        Duration left = Duration.ofNanos(endNanos - System.nanoTime());
        return left.compareTo(MINIMUM) < 0 ? MINIMUM : left;
    }

    Duration atMost(Duration wait) {
        Duration left = remaining();
        return left.compareTo(wait) < 0 ? left : wait;
    }

    boolean passed() {
        return endNanos - System.nanoTime() <= 0;
    }

    /**
     * @param doing what the caller was doing, for the message
     * @throws ExceededException when the deadline has passed
     */
    void check(String doing) {
        if (passed()) {
            throw new ExceededException("Re-drive ran out of time (" + total.toSeconds() + " s, "
                    + "mailgw.config.redrive.timeout) while " + doing);
        }
    }

    /** The time ran out; the message says while doing what. */
    static final class ExceededException extends RuntimeException {

        ExceededException(String message) {
            super(message);
        }
    }
}
