package io.mailgw.outbound.request;

import java.nio.ByteBuffer;
import java.time.Instant;

import io.mailgw.events.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Which attempt at a request one record is, where it was read, and the ticket it carries.
 *
 * @param number       1 on the requests topic; a delay topic's record says its number in a header
 * @param origin       {@code topic-partition@offset}, the same when Kafka delivers the record again
 * @param ticket       the ticket a delay-topic or re-driven record carries, else {@code null}
 * @param waitingSince since when the request waits for an admin to fix its outbox's login, else {@code null}
 * @param deferrals    how often in a row the request was deferred without being tried
 */
public record RecordAttempt(int number, String origin, String ticket, Instant waitingSince, int deferrals) {

    /** Spring Kafka's attempts header, on records its retry topics left behind before an upgrade. */
    static final String SPRING_ATTEMPTS = "retry_topic-attempts";

    public static RecordAttempt of(ConsumerRecord<?, ?> record) {
        String waiting = CloudEventHeaders.lastValue(record.headers(), CloudEventHeaders.WAITING_SINCE);
        String deferrals = CloudEventHeaders.lastValue(record.headers(), CloudEventHeaders.DEFERRALS);
        return new RecordAttempt(number(record), originOf(record),
                CloudEventHeaders.lastValue(record.headers(), CloudEventHeaders.TICKET),
                waiting == null ? null : Instant.ofEpochMilli(parse(waiting, 0)),
                deferrals == null ? 0 : (int) Math.max(0, parse(deferrals, 0)));
    }

    public static String originOf(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    private static int number(ConsumerRecord<?, ?> record) {
        String ours = CloudEventHeaders.lastValue(record.headers(), CloudEventHeaders.ATTEMPT);
        if (ours != null) {
            return (int) Math.max(1, parse(ours, 1));
        }
        Header spring = record.headers().lastHeader(SPRING_ATTEMPTS);
        if (spring == null || spring.value() == null) {
            return 1;
        }
        byte[] value = spring.value();
        if (value.length == Integer.BYTES) {
            return Math.max(1, ByteBuffer.wrap(value).getInt());
        }
        return value.length == 1 ? Math.max(1, Byte.toUnsignedInt(value[0])) : 1;
    }

    private static long parse(String text, long fallback) {
        try {
            return Long.parseLong(text.trim());
        }
        catch (NumberFormatException ex) {
            return fallback;
        }
    }
}
