package io.mailgw.inbound.schedule;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTests {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(5), Duration.ofHours(1), new Random(42));

    @Test
    void theCeilingDoublesWithEachFailureUpToTheMaximum() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(80));
        assertThat(backoff.ceiling(10)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(backoff.ceiling(11)).isEqualTo(Duration.ofHours(1));
        assertThat(backoff.ceiling(10_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void eachWaitIsDrawnFromTheUpperHalfOfItsCeiling() {
        for (int failures = 1; failures <= 20; failures++) {
            Duration ceiling = backoff.ceiling(failures);
            for (int draw = 0; draw < 50; draw++) {
                assertThat(backoff.after(failures)).isBetween(ceiling.dividedBy(2), ceiling);
            }
        }
    }

    @Test
    void waitsDifferSoThatMailboxesThatFailedTogetherComeBackApart() {
        assertThat(java.util.stream.IntStream.range(0, 20).mapToObj(i -> backoff.after(8)).distinct().count())
                .isGreaterThan(10);
    }
}
