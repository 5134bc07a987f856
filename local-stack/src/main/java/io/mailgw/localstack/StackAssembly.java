package io.mailgw.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.mailgw.localstack.demo.DemoMailbox;
import io.mailgw.localstack.demo.DemoOAuth2;
import io.mailgw.localstack.demo.DemoSeeder;
import io.mailgw.localstack.kafka.KafkaBroker;
import io.mailgw.localstack.mail.DemoMailServer;
import io.mailgw.localstack.mongo.MongoWireServer;
import io.mailgw.localstack.oauth2.DemoTokenEndpoint;
import io.mailgw.localstack.services.GatewayService;
import io.mailgw.localstack.services.ServiceArguments;
import io.mailgw.model.connect.ConnectGuardProperties;
import io.mailgw.model.secret.SecretCipher;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Builds the parts of the local stack in their start order from the properties: Kafka, MongoDB,
 * the demo mail server, the demo seed, then the three services. Reads the two secrets of the
 * local run from the environment: {@code MAILGW_SECRET_KEY} (else the key file) and
 * {@code MAILGW_ADMIN_PASSWORD} (else {@value #DEFAULT_ADMIN_PASSWORD}).
 */
final class StackAssembly {

    static final String DEFAULT_ADMIN_PASSWORD = "admin";

    private final LocalStackProperties properties;
    private final Environment environment;
    private final Clock clock;
    private final String adminPassword;

    StackAssembly(LocalStackProperties properties, Environment environment, Clock clock) {
        this.properties = properties;
        this.environment = environment;
        this.clock = clock;
        this.adminPassword = environment.getProperty("MAILGW_ADMIN_PASSWORD", DEFAULT_ADMIN_PASSWORD);
    }

    List<StackPart> parts() throws IOException {
        String host = properties.bindAddress();
        Path dataDir = properties.dataDir();
        String secretKey = SecretKeySource.resolve(environment.getProperty("mailgw.secret-key"), dataDir);
        KafkaBroker kafka = new KafkaBroker(host, properties.kafka().port(), properties.kafka().controllerPort(),
                dataDir.resolve("kafka"), properties.kafka().readyTimeout());
        MongoWireServer mongo = new MongoWireServer(host, properties.mongo().port(), dataDir.resolve("mongo/data.mv"));
        String mongoUri = mongo.uri(properties.mongo().database());
        LocalStackProperties.Mail mail = properties.mail();
        DemoMailbox demoMailbox = new DemoMailbox(host, mail.smtpPort(), mail.imapPort(), mail.domain(),
                mail.password());
        LocalStackProperties.OAuth2 oauth2 = properties.oauth2();
        DemoTokenEndpoint tokens = DemoTokenEndpoint.prepare(host, oauth2, dataDir);
        String oauth2User = mail.address(oauth2.user());
        DemoOAuth2 demoOAuth2 = new DemoOAuth2(tokens.tokenUri(), oauth2.clientId(), oauth2.clientSecret(), oauth2User);
        List<StackPart> parts = new ArrayList<>(List.of(kafka, mongo, tokens,
                new DemoMailServer(host, mail, new DemoMailServer.OAuth2User(oauth2User, oauth2.accessToken())),
                new DemoSeeder(mongoUri, SecretCipher.fromBase64Key(secretKey), demoMailbox, demoOAuth2, clock)));
        if (properties.services().enabled()) {
            parts.addAll(services(new ServiceArguments(kafka.bootstrapServers(), mongoUri, secretKey,
                    connectAllow(), logLevels()).and("--mailgw.connect-ports=" + connectPorts(),
                    "--mailgw.oauth2.trusted-certificate-pem=" + tokens.certificatePem())));
        }
        return parts;
    }

    private List<StackPart> services(ServiceArguments common) {
        LocalStackProperties.Services services = properties.services();
        return List.of(
                GatewayService.configService(common, services.configServicePort(), properties.adminUser(),
                        adminPassword),
                GatewayService.inboundPoller(common, services.inboundPollerPort()),
                GatewayService.outboundSender(common, services.outboundSenderPort()));
    }

    /**
     * The ports the services may connect to: what the user set ({@code MAILGW_CONNECT_PORTS}, else the
     * standard mail ports) and the demo mail server's, so that a test server on another port (Mailpit's
     * 1025, a Dovecot on 10143) can be allowed as everywhere else.
     */
    String connectPorts() {
        LocalStackProperties.Mail mail = properties.mail();
        List<String> ports = userSetting("mailgw.connect-ports", List.of(ConnectGuardProperties.MAIL_PORTS));
        return Stream.concat(ports.stream(), Stream.of(mail.smtpPort(), mail.imapPort(), mail.pop3Port(),
                mail.smtpsPort(), mail.imapsPort(), mail.pop3sPort()).map(String::valueOf))
                .collect(Collectors.joining(","));
    }

    /** The networks the services may connect to: what the user set ({@code MAILGW_CONNECT_ALLOW}) and the local stack's. */
    String connectAllow() {
        return Stream.concat(userSetting("mailgw.connect-allow", List.of()).stream(),
                Stream.of(properties.connectAllow())).collect(Collectors.joining(","));
    }

    private List<String> userSetting(String name, List<String> otherwise) {
        List<String> values = Binder.get(environment).bind(name, Bindable.listOf(String.class)).orElse(otherwise)
                .stream().map(String::trim).filter(value -> !value.isEmpty()).toList();
        return values.isEmpty() ? otherwise : values;
    }

    private Map<String, String> logLevels() {
        return Binder.get(environment)
                .bind("logging.level", Bindable.mapOf(String.class, String.class))
                .orElse(Map.of());
    }

    ReadyReport readyReport(PrintStream out) {
        String hint = DEFAULT_ADMIN_PASSWORD.equals(adminPassword) ? DEFAULT_ADMIN_PASSWORD
                : "the password in MAILGW_ADMIN_PASSWORD";
        return new ReadyReport(properties, hint + ", as first created", out);
    }
}
