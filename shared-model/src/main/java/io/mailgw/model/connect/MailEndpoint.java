package io.mailgw.model.connect;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSocketFactory;

/**
 * A mail server the guard let through, ready for Jakarta Mail: connect to {@link #connectHost()}
 * (the checked address as an IP literal, so Jakarta Mail never looks the name up again) with the
 * {@link #sessionProperties session properties} of the protocol, whose socket factories connect
 * to the checked address only and speak TLS to the configured host name with the mailbox's trust.
 */
public final class MailEndpoint {

    private final CheckedAddress checked;
    private final SSLSocketFactory tls;
    private final AtomicBoolean tlsUsed = new AtomicBoolean();

    MailEndpoint(CheckedAddress checked, SSLSocketFactory tls) {
        this.checked = checked;
        this.tls = tls;
    }

    /** The host as configured, the name TLS verifies. */
    public String host() {
        return checked.host();
    }

    public int port() {
        return checked.port();
    }

    /** What to pass to {@code Store.connect} or {@code Transport.connect}: the checked address. */
    public String connectHost() {
        return checked.address().getHostAddress();
    }

    public CheckedAddress checked() {
        return checked;
    }

    /**
     * Whether a connection through this endpoint's session properties was secured with TLS: from
     * the first byte (IMAPS, POP3S, SMTPS) or upgraded with STARTTLS or STLS.
     */
    public boolean tlsUsed() {
        return tlsUsed.get();
    }

    /**
     * The guard's part of a Jakarta Mail session for {@code protocol} ({@code imap}, {@code imaps},
     * {@code pop3}, {@code pop3s}, {@code smtp}, {@code smtps}): the pinned socket factories, no
     * fallback to an unpinned socket, and the server's identity checked. The caller adds its
     * timeouts and protocol options.
     */
    public Properties sessionProperties(String protocol) {
        String prefix = "mail." + protocol + ".";
        Properties properties = new Properties();
        properties.put(prefix + "socketFactory", socketFactory(false));
        properties.put(prefix + "socketFactory.fallback", "false");
        properties.put(prefix + "ssl.socketFactory", new PinnedSslSocketFactory(tls, checked, tlsUsed));
        properties.put(prefix + "ssl.checkserveridentity", "true");
        return properties;
    }

    /** Plain sockets to the checked address, backed by a {@link java.nio.channels.SocketChannel} when {@code channels}. */
    PinnedSocketFactory socketFactory(boolean channels) {
        return new PinnedSocketFactory(checked, channels);
    }

    @Override
    public String toString() {
        return "MailEndpoint[" + checked.host() + ":" + checked.port() + " at " + connectHost() + "]";
    }
}
