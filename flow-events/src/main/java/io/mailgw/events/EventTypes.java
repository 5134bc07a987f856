package io.mailgw.events;

/** CloudEvents {@code ce_type} of each event, versioned as CONTRACT §3 names them. */
public final class EventTypes {

    public static final String SEND_MAIL_REQUESTED = "mail.outbound.requested.v1";
    public static final String DELIVERY_STATUS = "mail.outbound.status.v1";
    public static final String MAIL_RECEIVED = "mail.inbound.received.v1";
    public static final String CONFIG_CHANGED = "mail.config.changed.v1";

    private EventTypes() {
    }
}
