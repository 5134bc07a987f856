package io.mailgw.model.mailbox;

/**
 * How mail is sent through an outbox (CONTRACT §4). Every component may be {@code null} until
 * {@link #withDefaults()} fills it in.
 *
 * @param fromAddress    the From of every mail sent through the outbox
 * @param security       default {@code STARTTLS}
 * @param authRequired   whether the server asks for a login; default {@code true}
 * @param maxConnections the outbox's lane: connections (and sends) at once; default 4
 * @param maxPerMinute   the provider's sending cap, messages per minute; {@code null} for none
 */
public record OutboundSettings(
        String fromAddress,
        String fromName,
        SmtpSecurity security,
        Boolean authRequired,
        Integer maxConnections,
        Integer maxPerMinute) {

    public static final int DEFAULT_MAX_CONNECTIONS = 4;

    /** Whether the server asks for a login. */
    public boolean needsLogin() {
        return !Boolean.FALSE.equals(authRequired);
    }

    /** The lane's width: {@code maxConnections}, or its default. */
    public int connections() {
        return maxConnections != null ? maxConnections : DEFAULT_MAX_CONNECTIONS;
    }

    OutboundSettings withDefaults() {
        return new OutboundSettings(fromAddress, fromName, security != null ? security : SmtpSecurity.STARTTLS,
                authRequired != null ? authRequired : Boolean.TRUE,
                maxConnections != null ? maxConnections : DEFAULT_MAX_CONNECTIONS, maxPerMinute);
    }

    /** 465 for implicit TLS, else the submission port 587. */
    int standardPort() {
        return security == SmtpSecurity.SSL ? 465 : 587;
    }
}
