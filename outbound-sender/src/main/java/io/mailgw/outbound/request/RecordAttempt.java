package io.mailgw.outbound.request;

import java.nio.ByteBuffer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import org.springframework.kafka.retrytopic.RetryTopicHeaders;

/**
 * Which attempt at a request one record is, and where it was read.
 *
 * @param number 1 on the requests topic; the retry topics count on from the attempts header
 * @param origin {@code topic-partition@offset}, the same when Kafka delivers the record again
 */
record RecordAttempt(int number, String origin) {

    static RecordAttempt of(ConsumerRecord<?, ?> record) {
        return new RecordAttempt(attemptsHeader(record), record.topic() + "-" + record.partition() + "@" + record.offset());
    }

    private static int attemptsHeader(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(RetryTopicHeaders.DEFAULT_HEADER_ATTEMPTS);
        if (header == null || header.value() == null) {
            return 1;
        }
        byte[] value = header.value();
        if (value.length == Integer.BYTES) {
            return Math.max(1, ByteBuffer.wrap(value).getInt());
        }
        return value.length == 1 ? Math.max(1, Byte.toUnsignedInt(value[0])) : 1;
    }
}
