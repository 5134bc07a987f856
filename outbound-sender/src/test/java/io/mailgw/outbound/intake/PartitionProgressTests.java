package io.mailgw.outbound.intake;

import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionProgressTests {

    private final AtomicLong bytes = new AtomicLong();
    private final PartitionProgress progress = new PartitionProgress(new TopicPartition("requests", 0), bytes);

    @Test
    void commitsOnlyUpToTheLowestRequestNotFinished() {
        progress.begin(10, 100);
        progress.begin(11, 100);
        progress.begin(12, 100);

        progress.done(11);
        progress.done(12);
        assertThat(progress.committable()).isEqualTo(10);

        progress.done(10);
        assertThat(progress.committable()).isEqualTo(13);
    }

    @Test
    void countsTheBytesInFlightOverAllPartitionsAndFinishesEachRequestOnce() {
        progress.begin(1, 300);
        progress.begin(2, 200);
        assertThat(bytes).hasValue(500);

        progress.done(1);
        progress.done(1);

        assertThat(bytes).hasValue(200);
        assertThat(progress.inFlight()).isEqualTo(1);
    }

    @Test
    void startsWithNothingToCommitAndForgetsOwnershipWhenRevoked() {
        assertThat(progress.committable()).isEqualTo(-1);
        assertThat(progress.owned()).isTrue();

        progress.disown();

        assertThat(progress.owned()).isFalse();
    }
}
