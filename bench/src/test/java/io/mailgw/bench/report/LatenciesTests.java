package io.mailgw.bench.report;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LatenciesTests {

    @Test
    void takesTheNearestRankOfAllMessages() {
        Latencies latencies = Latencies.of(List.of(40L, 10L, 30L, 20L), 4);

        assertThat(latencies.percentile(50)).hasValue(20);
        assertThat(latencies.percentile(75)).hasValue(30);
        assertThat(latencies.percentile(99)).hasValue(40);
        assertThat(latencies.percentile(100)).hasValue(40);
    }

    @Test
    void countsUnfinishedMessagesAsSlowerThanEveryFinishedOne() {
        Latencies latencies = Latencies.of(List.of(5L, 6L, 7L), 4);

        assertThat(latencies.percentile(75)).hasValue(7);
        assertThat(latencies.percentile(99)).isEmpty();
        assertThat(latencies.describe(99, Duration.ofSeconds(120))).isEqualTo("> 120.0 s (unfinished)");
    }

    @Test
    void p99OfAHundredMessagesIsTheSecondSlowest() {
        List<Long> millis = java.util.stream.LongStream.rangeClosed(1, 100).boxed().toList();

        assertThat(Latencies.of(millis, 100).percentile(99)).hasValue(99);
    }

    @Test
    void knowsNothingOfARunWithoutMessages() {
        assertThat(Latencies.of(List.of(), 0).percentile(50)).isEmpty();
    }

    @Test
    void refusesMoreLatenciesThanMessages() {
        assertThatIllegalArgumentException().isThrownBy(() -> Latencies.of(List.of(1L, 2L), 1));
    }

    @Test
    void describesFinishedPercentilesInMillisecondsOrSeconds() {
        assertThat(Latencies.of(List.of(42L), 1).describe(50, Duration.ofSeconds(1))).isEqualTo("42 ms");
        assertThat(Latencies.of(List.of(12_345L), 1).describe(50, Duration.ofSeconds(1))).isEqualTo("12.3 s");
    }
}
