package io.mailgw.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * CloudEvents 1.0 Kafka binary-mode headers, written on every record the gateway produces,
 * and the DLT's reason headers.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";

    /** Why a record went to the dead-letter topic: an error code such as {@code INVALID_REQUEST}. */
    public static final String DLT_ERROR_CODE = "mailgw_dlt_error_code";
    /** Why a record went to the dead-letter topic, in words, naming the field where one is at fault. */
    public static final String DLT_ERROR_MESSAGE = "mailgw_dlt_error_message";

    private CloudEventHeaders() {
    }

    /** The six headers of one event. */
    public static List<Header> of(String type, String source, String id, Instant time) {
        return List.of(
                header(SPEC_VERSION, "1.0"),
                header(ID, id),
                header(SOURCE, source),
                header(TYPE, type),
                header(TIME, time.toString()),
                header(CONTENT_TYPE, "application/json"));
    }

    public static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** The last value of a header as text, or {@code null} when absent. */
    public static String lastValue(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
