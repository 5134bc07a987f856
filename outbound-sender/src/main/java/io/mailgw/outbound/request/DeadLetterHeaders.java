package io.mailgw.outbound.request;

import java.time.Clock;

import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.EventTypes;
import io.mailgw.outbound.OutboundSenderApplication;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers the gateway adds to a request it moves to a retry topic or the dead-letter topic:
 * the reason ({@link CloudEventHeaders#DLT_ERROR_CODE}, {@link CloudEventHeaders#DLT_ERROR_MESSAGE}),
 * and CloudEvents headers when the engine sent none. The original key, value and headers travel
 * with it, and Spring Kafka adds where it was first read ({@code kafka_original-topic},
 * {@code kafka_original-partition}, {@code kafka_original-offset}, kept from the requests topic
 * across retry topics) and the exception's class and message.
 */
class DeadLetterHeaders {

    static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private final Clock clock;

    DeadLetterHeaders(Clock clock) {
        this.clock = clock;
    }

    Headers headersFor(ConsumerRecord<?, ?> record, Exception failure) {
        Headers headers = new RecordHeaders();
        headers.add(CloudEventHeaders.header(CloudEventHeaders.DLT_ERROR_CODE, codeOf(failure)));
        headers.add(CloudEventHeaders.header(CloudEventHeaders.DLT_ERROR_MESSAGE, messageOf(failure)));
        if (record.headers().lastHeader(CloudEventHeaders.TYPE) == null) {
            String id = record.topic() + "-" + record.partition() + "@" + record.offset();
            CloudEventHeaders.of(EventTypes.SEND_MAIL_REQUESTED, OutboundSenderApplication.EVENT_SOURCE, id, clock.instant()).forEach(headers::add);
        }
        return headers;
    }

    private static String codeOf(Exception failure) {
        Throwable reason = reasonOf(failure);
        if (reason instanceof DeadLetterException deadLetter) {
            return deadLetter.code();
        }
        return reason instanceof RetryLaterException retryLater ? retryLater.code() : INTERNAL_ERROR;
    }

    private static String messageOf(Exception failure) {
        Throwable reason = reasonOf(failure);
        String message = reason.getMessage() != null ? reason.getMessage() : reason.getClass().getSimpleName();
        return message.replaceAll("[\\r\\n]+", " ");
    }

    /** Our own exception in the cause chain, or the innermost cause of an unexpected failure. */
    private static Throwable reasonOf(Throwable failure) {
        Throwable innermost = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeadLetterException || cause instanceof RetryLaterException) {
                return cause;
            }
            innermost = cause;
        }
        return innermost;
    }
}
