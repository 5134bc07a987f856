package io.mailgw.config.delivery;

import java.nio.charset.StandardCharsets;

import io.mailgw.events.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which request a dead letter belongs to, and which of two letters is the later. */
class DeadLetterTests {

    @Test
    void theRequestIdHeaderNamesTheRequest() {
        ConsumerRecord<byte[], byte[]> letter = letter(0, 5, "{\"requestId\": \"from-value\"}");
        letter.headers().add(CloudEventHeaders.header(CloudEventHeaders.REQUEST_ID, "from-header"));

        assertThat(DeadLetter.requestIdOf(letter)).isEqualTo("from-header");
    }

    @Test
    void withoutTheHeaderTheTopLevelRequestIdOfTheValueNamesIt() {
        String value = "{\"context\": {\"requestId\": \"nested\"}, \"to\": [\"a@b.example\"], "
                + "\"requestId\": \"sr-4711\", \"subject\": \"x\"}";

        assertThat(DeadLetter.requestIdOf(letter(0, 1, value))).isEqualTo("sr-4711");
    }

    @Test
    void aValueThatIsNotJsonOrHasNoStringRequestIdNamesNone() {
        assertThat(DeadLetter.requestIdOf(letter(0, 1, "not json at all"))).isNull();
        assertThat(DeadLetter.requestIdOf(letter(0, 1, "{\"requestId\": \"cut"))).isNull();
        assertThat(DeadLetter.requestIdOf(letter(0, 1, "{\"requestId\": 42}"))).isNull();
        assertThat(DeadLetter.requestIdOf(letter(0, 1, "[\"requestId\"]"))).isNull();
        assertThat(DeadLetter.requestIdOf(letter(0, 1, null))).isNull();
    }

    @Test
    void laterMeansAHigherOffsetInOnePartitionAndALaterTimeAcrossPartitions() {
        assertThat(new DeadLetter(3, 10, 1_000).isLaterThan(new DeadLetter(3, 9, 2_000))).isTrue();
        assertThat(new DeadLetter(3, 9, 2_000).isLaterThan(new DeadLetter(3, 10, 1_000))).isFalse();
        assertThat(new DeadLetter(1, 1, 2_000).isLaterThan(new DeadLetter(2, 50, 1_000))).isTrue();
        assertThat(new DeadLetter(2, 50, 1_000).isLaterThan(new DeadLetter(1, 1, 2_000))).isFalse();
    }

    private static ConsumerRecord<byte[], byte[]> letter(int partition, long offset, String value) {
        return new ConsumerRecord<>("mail.outbound.requests.dlt", partition, offset,
                "xpto".getBytes(StandardCharsets.UTF_8), value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
