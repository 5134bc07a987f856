package io.mailgw.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * CloudEvents 1.0 Kafka binary-mode headers, written on every record the gateway produces,
 * and the gateway's own headers on the records it moves between the requests topic, its delay
 * topics and the DLT.
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
    /** The request a retry, deferred or dead-lettered record belongs to, when its value names one. */
    public static final String REQUEST_ID = "mailgw_request_id";
    /** The outbox a retry, deferred or dead-lettered record was last tried through, when one was chosen. */
    public static final String OUTBOX_ID = "mailgw_outbox_id";
    /**
     * The ticket a retry, deferred or re-driven record carries: the delivery log lets the request go on
     * only with the ticket it handed out last, so that a stray copy cannot send it twice.
     */
    public static final String TICKET = "mailgw_ticket";
    /** When a record in a delay topic may be handled, as epoch milliseconds. */
    public static final String DUE_AT = "mailgw_due_at";
    /** Which attempt at its request a record in a delay topic is: 2 for the first retry. */
    public static final String ATTEMPT = "mailgw_attempt";
    /** How often in a row a request was deferred because its outbox was busy, open or rate-limited. */
    public static final String DEFERRALS = "mailgw_deferrals";
    /** Since when a request has waited for an admin to fix its outbox's login, as epoch milliseconds. */
    public static final String WAITING_SINCE = "mailgw_waiting_since";

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
