package io.mailgw.outbound.smtp;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

import io.mailgw.model.connect.ConnectGuard;
import io.mailgw.model.connect.MailEndpoint;
import io.mailgw.model.connect.MailSessionBuilder;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.outbound.OutboundProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * The SMTP connections of one outbox (commons-pool2): at most its {@code maxConnections}, each
 * logged in once and reused for many messages, closed after {@code max-messages-per-connection}
 * messages, after {@code idle-timeout} unused, or after any failure that may have broken it. The
 * server's checked address, its TLS context and the Jakarta Mail session over them are reused for
 * {@code address-refresh}, so TLS sessions resume and no connection pays for a new session (which
 * reads the mail providers' files from the class path); then the name is resolved and checked by
 * the connect guard again.
 */
final class OutboxConnections implements AutoCloseable {

    private final Mailbox outbox;
    private final ConnectGuard guard;
    private final OutboundProperties.Smtp settings;
    private final Clock clock;
    private final GenericObjectPool<SmtpConnection> pool;
    private CheckedServer server;
    private Instant serverCheckedAt = Instant.EPOCH;

    OutboxConnections(Mailbox outbox, ConnectGuard guard, OutboundProperties.Smtp settings, Clock clock) {
        this.outbox = outbox;
        this.guard = guard;
        this.settings = settings;
        this.clock = clock;
        GenericObjectPoolConfig<SmtpConnection> config = new GenericObjectPoolConfig<>();
        int size = outbox.outbound().connections();
        config.setMaxTotal(size);
        config.setMaxIdle(size);
        config.setMinIdle(0);
        config.setBlockWhenExhausted(true);
        config.setMaxWait(settings.deadline());
        config.setMinEvictableIdleDuration(settings.idleTimeout());
        config.setTimeBetweenEvictionRuns(settings.idleTimeout().dividedBy(2));
        config.setJmxEnabled(false);
        this.pool = new GenericObjectPool<>(new Factory(), config);
    }

    Mailbox outbox() {
        return outbox;
    }

    /**
     * A connection to use now, not necessarily open yet.
     *
     * @throws MessagingException when the connect guard refuses the server or its name does not resolve
     */
    SmtpConnection borrow() throws MessagingException {
        try {
            return pool.borrowObject();
        }
        catch (MessagingException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw new MessagingException("No SMTP connection to " + outbox.describe() + " could be had: "
                    + ex.getMessage(), ex);
        }
    }

    /** Gives a healthy connection back for the next message, or closes it once it has sent its share. */
    void giveBack(SmtpConnection connection) {
        if (connection.aborted() || connection.messagesSent() >= settings.maxMessagesPerConnection()) {
            discard(connection);
            return;
        }
        pool.returnObject(connection);
    }

    /** Closes a connection that failed, or may be broken. */
    void discard(SmtpConnection connection) {
        try {
            pool.invalidateObject(connection);
        }
        catch (Exception ex) {
            connection.abort();
        }
    }

    /** Connections open now, busy or idle. */
    int open() {
        return pool.getNumActive() + pool.getNumIdle();
    }

    @Override
    public void close() {
        pool.close();
    }

    /** The server's checked address and the session over it, checked again after {@code address-refresh}. */
    private synchronized CheckedServer server() throws MessagingException {
        Instant now = clock.instant();
        if (server == null || now.isAfter(serverCheckedAt.plus(settings.addressRefresh()))) {
            MailEndpoint endpoint;
            try {
                endpoint = guard.endpointFor(outbox.server());
            }
            catch (IOException ex) {
                throw new MessagingException("Connecting to " + outbox.describe() + " is not possible: "
                        + ex.getMessage(), ex);
            }
            Session session = MailSessionBuilder.forMailbox(outbox, endpoint)
                    .timeouts(settings.connectTimeout(), settings.readTimeout(), settings.writeTimeout())
                    .option("sendpartial", "true")
                    .onSocketOpened(SmtpConnection::socketOpened)
                    .build();
            server = new CheckedServer(endpoint, session);
            serverCheckedAt = now;
        }
        return server;
    }

    /** A server address the connect guard allowed, and the Jakarta Mail session every connection to it shares. */
    private record CheckedServer(MailEndpoint endpoint, Session session) {
    }

    /** Makes connections, unconnected: the sender opens them under its deadline. */
    private final class Factory extends BasePooledObjectFactory<SmtpConnection> {

        @Override
        public SmtpConnection create() throws MessagingException {
            CheckedServer checked = server();
            SmtpConnection connection = new SmtpConnection();
            SMTPTransport transport = (SMTPTransport) checked.session()
                    .getTransport(MailSessionBuilder.protocolOf(outbox));
            connection.attach(transport, checked.endpoint().connectHost(), checked.endpoint().port());
            return connection;
        }

        @Override
        public PooledObject<SmtpConnection> wrap(SmtpConnection connection) {
            return new DefaultPooledObject<>(connection);
        }

        @Override
        public void destroyObject(PooledObject<SmtpConnection> pooled) {
            pooled.getObject().close();
        }
    }
}
