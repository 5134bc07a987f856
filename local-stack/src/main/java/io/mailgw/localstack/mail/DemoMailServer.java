package io.mailgw.localstack.mail;

import java.util.List;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.mailgw.localstack.LocalStackProperties;
import io.mailgw.localstack.StackPart;

/**
 * A GreenMail server to try the gateway with: SMTP, IMAP and POP3 on the ports of CONTRACT §5,
 * plus their TLS variants (GreenMail's own self-signed certificate), and the demo users (one of
 * them, the OAuth2 user, logs in with the demo access token over SASL XOAUTH2). It
 * keeps mail in memory only: a restart empties the mailboxes (Kafka and MongoDB keep their data).
 */
public final class DemoMailServer implements StackPart {

    private final String host;
    private final LocalStackProperties.Mail settings;
    private final OAuth2User oauth2;
    private GreenMail greenMail;

    /**
     * @param oauth2 the demo user that logs in with the demo access token over XOAUTH2
     */
    public DemoMailServer(String host, LocalStackProperties.Mail settings, OAuth2User oauth2) {
        this.host = host;
        this.settings = settings;
        this.oauth2 = oauth2;
    }

    /** A demo user that logs in with an access token instead of a password. */
    public record OAuth2User(String address, String accessToken) {

        @Override
        public String toString() {
            return "OAuth2User[" + address + "]";
        }
    }

    @Override
    public String description() {
        return "demo mail server on " + host + " (SMTP " + settings.smtpPort() + ", IMAP " + settings.imapPort()
                + ", POP3 " + settings.pop3Port() + ")";
    }

    @Override
    public void start() {
        GreenMailConfiguration configuration = GreenMailConfiguration.aConfig();
        for (String address : settings.addresses()) {
            configuration.withUser(address, address, settings.password());
        }
        // GreenMail takes a user's password as the one XOAUTH2 token it accepts
        configuration.withUser(oauth2.address(), oauth2.address(), oauth2.accessToken());
        GreenMail candidate = new GreenMail(serverSetups().toArray(ServerSetup[]::new));
        candidate.withConfiguration(configuration);
        candidate.start();
        greenMail = candidate;
    }

    private List<ServerSetup> serverSetups() {
        return List.of(
                new ServerSetup(settings.smtpPort(), host, ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(settings.imapPort(), host, ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(settings.pop3Port(), host, ServerSetup.PROTOCOL_POP3),
                new ServerSetup(settings.smtpsPort(), host, ServerSetup.PROTOCOL_SMTPS),
                new ServerSetup(settings.imapsPort(), host, ServerSetup.PROTOCOL_IMAPS),
                new ServerSetup(settings.pop3sPort(), host, ServerSetup.PROTOCOL_POP3S));
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }
}
