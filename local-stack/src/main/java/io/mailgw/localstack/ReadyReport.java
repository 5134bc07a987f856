package io.mailgw.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

import io.mailgw.events.Topics;

/**
 * What the operator needs once the stack is up: where the API is and how to log in, where the
 * demo mail server is, and one command that publishes a send request with {@code kcat}.
 */
final class ReadyReport {

    private final LocalStackProperties properties;
    private final String adminPasswordHint;
    private final PrintStream out;

    /**
     * @param adminPasswordHint the default admin password of the local run, or where the password
     *                          given by the operator came from (never that password)
     */
    ReadyReport(LocalStackProperties properties, String adminPasswordHint, PrintStream out) {
        this.properties = properties;
        this.adminPasswordHint = adminPasswordHint;
        this.out = out;
    }

    void print(Duration took) {
        LocalStackProperties.Mail mail = properties.mail();
        LocalStackProperties.Services services = properties.services();
        String host = properties.bindAddress();
        out.printf(Locale.ROOT, "%n=== Mail gateway local stack ready in %.1f s (data in %s) ===%n",
                took.toMillis() / 1000.0, properties.dataDir().toAbsolutePath().normalize());
        if (services.enabled()) {
            out.printf("  REST API     http://%s:%d/api/v1  (HTTP Basic: %s / %s)%n", host,
                    services.configServicePort(), properties.adminUser(), adminPasswordHint);
            out.printf("  Actuators    http://%s:%d/actuator/health, :%d, :%d%n", host, services.configServicePort(),
                    services.inboundPollerPort(), services.outboundSenderPort());
        }
        out.printf("  Kafka        %s:%d%n", host, properties.kafka().port());
        out.printf("  MongoDB      mongodb://%s:%d/%s%n", host, properties.mongo().port(), properties.mongo().database());
        out.printf("  Demo mail    %s: SMTP %d, IMAP %d, POP3 %d (TLS: %d, %d, %d); users %s, password %s%n", host,
                mail.smtpPort(), mail.imapPort(), mail.pop3Port(), mail.smtpsPort(), mail.imapsPort(),
                mail.pop3sPort(), String.join(", ", mail.addresses()),
                mail.password());
        LocalStackProperties.OAuth2 oauth2 = properties.oauth2();
        out.printf("  OAuth2 demo  token endpoint https://%s:%d/oauth2/token (client %s / %s) issues %s, which the "
                + "demo mail server takes over XOAUTH2 for %s: mailboxes demo-oauth2-inbox and demo-oauth2-outbox "
                + "(contract demo-oauth2)%n", host, oauth2.port(), oauth2.clientId(), oauth2.clientSecret(),
                oauth2.accessToken(), mail.address(oauth2.user()));
        out.printf("  Send a test mail (contract demo, its own outbox, to %s):%n", mail.address("support"));
        out.println("    " + kcatExample(host, properties.kafka().port(), mail.address("support")));
        out.println("  Ctrl-C stops everything.");
        out.flush();
    }

    /** A one-line shell command; the request id carries the time, since a repeated id is delivered once. */
    static String kcatExample(String host, int kafkaPort, String to) {
        String json = "{\"requestId\":\"demo-'$(date +%s)'\",\"contractId\":\"demo\",\"outbox\":\"SPECIFIC\","
                + "\"to\":[\"" + to + "\"],\"subject\":\"Hello from the gateway\",\"text\":\"It works.\"}";
        return "echo '" + json + "' | kcat -P -b " + host + ":" + kafkaPort + " -t " + Topics.OUTBOUND_REQUESTS
                + " -k demo";
    }
}
