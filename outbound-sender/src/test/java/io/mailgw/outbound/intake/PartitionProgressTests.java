package io.mailgw.outbound.intake;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.mailgw.outbound.request.InFlightRequest;
import io.mailgw.outbound.request.RequestReading;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    @Test
    void knowsWhetherAnotherContractsRequestIsHeldBehindTheFirst() {
        InFlightRequest a1 = request("a", 1);
        InFlightRequest a2 = request("a", 2);
        InFlightRequest b3 = request("b", 3);
        progress.hold(a1, 100);
        progress.hold(a2, 200);
        assertThat(progress.othersWaitBehindFirst()).isFalse();

        progress.hold(b3, 300);
        assertThat(progress.othersWaitBehindFirst()).isTrue();
        assertThat(progress.heldBytes()).isEqualTo(600);

        progress.releaseFirst();
        progress.releaseFirst();
        assertThat(progress.firstHeld()).isSameAs(b3);
        assertThat(progress.othersWaitBehindFirst()).isFalse();
        assertThat(progress.heldBytes()).isEqualTo(300);

        InFlightRequest a4 = request("a", 4);
        progress.hold(a4, 400);
        assertThat(progress.othersWaitBehindFirst()).isTrue();
        assertThat(progress.dropHeld()).containsExactly(b3, a4);
        assertThat(progress.firstHeld()).isNull();
        assertThat(progress.othersWaitBehindFirst()).isFalse();
        assertThat(progress.heldBytes()).isZero();
    }

    private static InFlightRequest request(String contractId, long offset) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("requests", 0, offset, contractId, "{}");
        return InFlightRequest.unreadable(record, new RequestReading.Unreadable("r-" + offset, contractId, Map.of(),
                "INVALID_REQUEST", "test"), Instant.now(), () -> { }, () -> true);
    }
}
