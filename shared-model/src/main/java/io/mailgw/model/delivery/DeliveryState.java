package io.mailgw.model.delivery;

/**
 * Where a send request stands in the delivery log. {@code SENDING} is written before the SMTP
 * DATA; a request still {@code SENDING} after a crash is sent again with the same Message-ID.
 * {@code REDRIVEN} means an admin put a dead-lettered request back on the requests topic.
 */
public enum DeliveryState {
    SENDING,
    RETRYING,
    REDRIVEN,
    SENT,
    FAILED,
    REJECTED;

    public boolean isFinal() {
        return this == SENT || this == FAILED || this == REJECTED;
    }
}
