package io.mailgw.config.delivery;

import io.mailgw.events.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a dead letter lies, and how to tell which request it belongs to: its
 * {@value CloudEventHeaders#REQUEST_ID} header, or, when the sender could not set one, the
 * {@code requestId} of its JSON value, read as a stream without building the (possibly large) tree.
 *
 * @param timestamp the record's timestamp, to tell the later of two letters on different partitions
 */
record DeadLetter(int partition, long offset, long timestamp) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static DeadLetter at(ConsumerRecord<?, ?> record) {
        return new DeadLetter(record.partition(), record.offset(), record.timestamp());
    }

    /** Whether this letter was written after {@code other}: later in one partition, or later in time. */
    boolean isLaterThan(DeadLetter other) {
        return partition == other.partition ? offset > other.offset : timestamp >= other.timestamp;
    }

    /** The request a dead letter belongs to, or {@code null} when neither its header nor its value names one. */
    static String requestIdOf(ConsumerRecord<byte[], byte[]> record) {
        String header = CloudEventHeaders.lastValue(record.headers(), CloudEventHeaders.REQUEST_ID);
        if (header != null && !header.isEmpty()) {
            return header;
        }
        return record.value() == null ? null : requestIdOf(record.value());
    }

    private static String requestIdOf(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            for (String name = parser.nextName(); name != null; name = parser.nextName()) {
                JsonToken value = parser.nextToken();
                if ("requestId".equals(name)) {
                    return value == JsonToken.VALUE_STRING ? parser.getString() : null;
                }
                parser.skipChildren();
            }
            return null;
        }
        catch (JacksonException ex) {
            // not JSON, or cut short: a letter the sender rejected as unreadable names no request
            return null;
        }
    }

    @Override
    public String toString() {
        return "partition " + partition + " offset " + offset;
    }
}
