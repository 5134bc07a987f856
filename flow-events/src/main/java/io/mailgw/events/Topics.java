package io.mailgw.events;

/**
 * Default Kafka topic names of CONTRACT §3. Each service lets ops rename them by property;
 * these are the defaults.
 */
public final class Topics {

    public static final String OUTBOUND_REQUESTS = "mail.outbound.requests";
    public static final String OUTBOUND_STATUS = "mail.outbound.status";
    public static final String OUTBOUND_REQUESTS_DLT = "mail.outbound.requests.dlt";
    public static final String INBOUND_MESSAGES = "mail.inbound.messages";
    public static final String CONFIG_CHANGES = "mail.config.changes";

    /** Key of a send request that names no contract. */
    public static final String DEFAULT_KEY = "default";

    private Topics() {
    }
}
