package io.mailgw.model.connect;

import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Consumer;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

import io.mailgw.model.auth.OAuth2Login;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.SmtpSecurity;
import jakarta.mail.Session;

/**
 * The one place that builds Jakarta Mail sessions, for the poller, the sender and the connection
 * test alike: the connect guard's pinned socket factories and server identity check, explicit
 * timeouts (Jakarta Mail's own are infinite), STARTTLS where the mailbox asks for it (an outbox's
 * {@code STARTTLS} security, or a plain IMAP or POP3 inbox, which upgrades whenever the server
 * offers it and must when {@code requireTls} is on), SMTP AUTH on or off, and SASL XOAUTH2 for a
 * mailbox that logs in with an OAuth2 access token (which the caller then gives as the password).
 * Each caller adds only its protocol's own options.
 */
public final class MailSessionBuilder {

    private static final String XOAUTH2 = "XOAUTH2";

    private final String protocol;
    private final String prefix;
    private final MailEndpoint endpoint;
    private final Properties properties;

    private MailSessionBuilder(String protocol, MailEndpoint endpoint) {
        this.protocol = protocol;
        this.prefix = "mail." + protocol + ".";
        this.endpoint = endpoint;
        this.properties = endpoint.sessionProperties(protocol);
    }

    /**
     * @param protocol {@code imap}, {@code imaps}, {@code pop3}, {@code pop3s}, {@code smtp} or {@code smtps}
     * @param endpoint the server as the connect guard checked it
     */
    public static MailSessionBuilder forProtocol(String protocol, MailEndpoint endpoint) {
        return new MailSessionBuilder(protocol, endpoint);
    }

    /**
     * A session for {@code mailbox} as its settings say: an outbox's security ({@code SSL} speaks
     * {@code smtps}, {@code STARTTLS} requires the upgrade), whether it logs in, and with an OAuth2
     * login SASL XOAUTH2 as the only mechanism.
     */
    public static MailSessionBuilder forMailbox(Mailbox mailbox, MailEndpoint endpoint) {
        MailSessionBuilder builder = forProtocol(protocolOf(mailbox), endpoint);
        if (mailbox.isOutbound()) {
            boolean startTls = mailbox.outbound().security() == SmtpSecurity.STARTTLS;
            builder.startTls(startTls).login(mailbox.needsCredentials());
        }
        else if (!mailbox.inbound().protocol().isImplicitTls()) {
            builder.option("starttls.enable", "true")
                    .option("starttls.required", String.valueOf(mailbox.inbound().tlsRequired()));
        }
        if (mailbox.auth() instanceof OAuth2Login) {
            builder.xoauth2();
        }
        return builder;
    }

    /**
     * SASL XOAUTH2 (IMAP {@code AUTHENTICATE}, POP3 and SMTP {@code AUTH}) as the only mechanism, the
     * access token given as the password; Angus Mail formats {@code user=...^Aauth=Bearer ...}.
     */
    public MailSessionBuilder xoauth2() {
        return option("auth.mechanisms", XOAUTH2)
                .option("auth.xoauth2.disable", "false");
    }

    /** The Jakarta Mail protocol of a mailbox: {@code imap}, {@code imaps}, {@code pop3}, {@code pop3s}, {@code smtp}, {@code smtps}. */
    public static String protocolOf(Mailbox mailbox) {
        if (mailbox.isOutbound()) {
            return mailbox.outbound().security() == SmtpSecurity.SSL ? "smtps" : "smtp";
        }
        return mailbox.inbound().protocol().name().toLowerCase(Locale.ROOT);
    }

    public String protocol() {
        return protocol;
    }

    /**
     * Connect, read (each server reply) and write (each block sent) timeouts. Write timeouts are
     * watched by one scheduler thread for the whole JVM, where Angus Mail would start a thread per
     * connection.
     */
    public MailSessionBuilder timeouts(Duration connect, Duration read, Duration write) {
        properties.put(prefix + "executor.writetimeout", WriteTimeoutScheduler.SHARED);
        return option("connectiontimeout", millis(connect))
                .option("timeout", millis(read))
                .option("writetimeout", millis(write));
    }

    /**
     * IMAP: sockets backed by {@link java.nio.channels.SocketChannel}s, still pinned to the checked
     * address, so that Angus Mail's {@code IdleManager} can watch the connection with IDLE from one
     * selector thread for many mailboxes.
     */
    public MailSessionBuilder socketChannels() {
        properties.put(prefix + "socketFactory", endpoint.socketFactory(true));
        return option("usesocketchannels", "true");
    }

    /** STARTTLS on and required (never a silent fall back to plain text), or off. */
    public MailSessionBuilder startTls(boolean required) {
        return option("starttls.enable", String.valueOf(required))
                .option("starttls.required", String.valueOf(required));
    }

    /** SMTP: whether to log in with AUTH. */
    public MailSessionBuilder login(boolean login) {
        return option("auth", String.valueOf(login));
    }

    /**
     * Hands every socket the session opens to {@code opened} before it is used, so that its owner can
     * close it from another thread (an overall deadline on a server that stopped answering).
     */
    public MailSessionBuilder onSocketOpened(Consumer<Socket> opened) {
        properties.put(prefix + "socketFactory",
                ObservedSockets.plain((SocketFactory) properties.get(prefix + "socketFactory"), opened));
        properties.put(prefix + "ssl.socketFactory",
                ObservedSockets.tls((SSLSocketFactory) properties.get(prefix + "ssl.socketFactory"), opened));
        return this;
    }

    /** One more option of the protocol: {@code name} without the {@code mail.<protocol>.} prefix. */
    public MailSessionBuilder option(String name, String value) {
        properties.setProperty(prefix + name, value);
        return this;
    }

    public Session build() {
        Properties copy = new Properties();
        copy.putAll(properties);
        copy.put("mail.transport.protocol", protocol);
        copy.put("mail.store.protocol", protocol);
        return Session.getInstance(copy);
    }

    private static String millis(Duration duration) {
        return String.valueOf(Math.min(duration.toMillis(), Integer.MAX_VALUE));
    }
}
