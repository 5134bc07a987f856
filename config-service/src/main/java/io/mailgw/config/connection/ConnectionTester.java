package io.mailgw.config.connection;

import java.io.IOException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.mailgw.model.connect.ConnectGuard;
import io.mailgw.model.connect.MailEndpoint;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.oauth.AccessTokens;
import io.mailgw.model.secret.LoginSecrets;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Runs one connection test: asks the {@link ConnectGuard} (as the poller and the sender do), lets
 * the probe of the mailbox's type connect and log in (with its password, or an OAuth2 access token
 * from {@link AccessTokens}), and turns the outcome into a result. A failed test is a result too,
 * never an exception; the password or token never appears in it or in the log.
 */
@Component
class ConnectionTester {

    private static final Logger log = LoggerFactory.getLogger(ConnectionTester.class);
    private static final String HIDDEN = "***";

    private final ConnectGuard guard;
    private final Map<MailboxType, ConnectionProbe> probes = new EnumMap<>(MailboxType.class);
    private final LoginSecrets logins;
    private final AccessTokens accessTokens;
    private final Clock clock;

    ConnectionTester(ConnectGuard guard, List<ConnectionProbe> probes, LoginSecrets logins, AccessTokens accessTokens,
            Clock clock) {
        this.guard = guard;
        probes.forEach(probe -> this.probes.put(probe.type(), probe));
        this.logins = logins;
        this.accessTokens = accessTokens;
        this.clock = clock;
    }

    ConnectionTestResult test(MailboxUnderTest subject) {
        long started = clock.millis();
        Mailbox mailbox = subject.mailbox();
        String secret = null;
        ConnectionProbe probe = probes.get(mailbox.type());
        List<ConnectionProbe.Step> steps = probe.steps(mailbox);
        try {
            MailEndpoint endpoint = guard.endpointFor(mailbox.server());
            secret = mailbox.needsCredentials() ? subject.loginSecret(logins, accessTokens) : null;
            ProbeReport report = probe.probe(mailbox, secret, endpoint);
            log.info("Connection test of {}: OK", mailbox.describe());
            return new ConnectionTestResult(true, ConnectionTestCode.OK, report.detail(), mailbox.describe(),
                    report.messageCount(), report.idleSupported(), names(steps), clock.millis() - started);
        }
        catch (IOException | MessagingException | RuntimeException ex) {
            ConnectionFailures.Failure failure = ConnectionFailures.classify(ex, mailbox);
            String detail = hide(failure.detail(), secret);
            log.info("Connection test of {}: {} ({})", mailbox.describe(), failure.code(), detail);
            return new ConnectionTestResult(false, failure.code(), detail, mailbox.describe(), null, null,
                    names(ConnectionProbe.passed(steps, failure.code())), clock.millis() - started);
        }
    }

    private static List<String> names(List<ConnectionProbe.Step> steps) {
        return steps.stream().map(Enum::name).toList();
    }

    /** A server may echo what it was sent; the password or token never leaves in a detail. */
    private static String hide(String detail, String secret) {
        return secret == null || secret.isEmpty() ? detail : detail.replace(secret, HIDDEN);
    }
}
