package io.mailgw.inbound.schedule;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a failing mailbox waits before its next try: the initial wait after a first failure,
 * doubled with every further one, up to the maximum, each drawn at random from its upper half
 * (equal jitter), so that mailboxes that failed together (a server restart) do not all come back
 * at the same second.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final RandomGenerator random;

    Backoff(Duration initial, Duration max, RandomGenerator random) {
        this.initial = initial;
        this.max = max;
        this.random = random;
    }

    /** @param failures consecutive failures so far, at least 1 */
    Duration after(int failures) {
        long ceiling = ceiling(failures).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }

    /** The upper bound of the wait after {@code failures} failures, before jitter. */
    Duration ceiling(int failures) {
        Duration wait = initial;
        for (int i = 1; i < failures && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
