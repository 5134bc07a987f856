package io.mailgw.config.page;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.mailgw.model.delivery.DeliveryRecord;
import io.mailgw.model.delivery.DeliveryState;

/**
 * One line of the delivery log page: what the API shows, with times in UTC words and whether an
 * admin may re-drive it.
 *
 * @param reply       the last SMTP reply, or else the last error in words
 * @param redrivable  ended {@code FAILED} or {@code REJECTED}, so its dead letter may go back to the requests topic
 */
record DeliveryRow(String requestId, String contractId, String outboxMailboxId, String outboxResolution,
        DeliveryState state, int attempt, String reply, String errorCode, String createdAt, String updatedAt,
        boolean redrivable) {

    /** Times as the page shows them: to the second, in UTC, which the page says. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    static DeliveryRow of(DeliveryRecord record) {
        String reply = record.errorMessage() != null ? record.errorMessage() : record.smtpReply();
        return new DeliveryRow(record.requestId(), record.contractId(), record.outboxMailboxId(),
                record.outboxResolution(), record.state(), record.attempt(), reply, record.errorCode(),
                time(record.createdAt()), time(record.updatedAt()),
                record.state() == DeliveryState.FAILED || record.state() == DeliveryState.REJECTED);
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
