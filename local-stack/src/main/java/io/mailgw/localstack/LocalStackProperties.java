package io.mailgw.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the local stack keeps its data and which ports it takes ({@code mailgw.localstack.*}).
 * The defaults are those of CONTRACT §5; a test sets free ports and a temporary directory.
 * The admin password is a secret and so is read from {@code MAILGW_ADMIN_PASSWORD}, not kept here.
 *
 * @param dataDir      Kafka logs, the MongoDB file and the secret key file; default {@code .local-stack}
 *                     in the working directory
 * @param bindAddress  the address every embedded server listens on; default loopback only
 * @param stopTimeout  how long each part may take to stop before the next one is stopped anyway; default 20 s
 * @param adminUser    the first admin of config-service for the local run ({@code MAILGW_ADMIN_USER}); default admin
 * @param connectAllow CIDRs the services may connect to although private or loopback; default {@code 127.0.0.0/8}
 *                     (the services may also connect to the demo mail server's ports, besides the standard mail ports)
 */
@Validated
@ConfigurationProperties("mailgw.localstack")
public record LocalStackProperties(
        @DefaultValue(".local-stack") @NotNull Path dataDir,
        @DefaultValue("127.0.0.1") @NotBlank String bindAddress,
        @DefaultValue("20s") @NotNull Duration stopTimeout,
        @DefaultValue("admin") @NotBlank String adminUser,
        @DefaultValue("127.0.0.0/8") @NotBlank String connectAllow,
        @DefaultValue @Valid Kafka kafka,
        @DefaultValue @Valid Mongo mongo,
        @DefaultValue @Valid Mail mail,
        @DefaultValue @Valid OAuth2 oauth2,
        @DefaultValue @Valid Services services) {

    /**
     * @param port           the PLAINTEXT listener clients use; default 9092
     * @param controllerPort the KRaft controller listener; default 9093
     * @param readyTimeout   how long to wait for the broker to answer after it started; default 60 s
     */
    public record Kafka(
            @DefaultValue("9092") @Min(1) @Max(65535) int port,
            @DefaultValue("9093") @Min(1) @Max(65535) int controllerPort,
            @DefaultValue("60s") @NotNull Duration readyTimeout) {
    }

    /**
     * @param port     the wire-protocol port; default 27017
     * @param database the database the services use; default mailgw
     */
    public record Mongo(
            @DefaultValue("27017") @Min(1) @Max(65535) int port,
            @DefaultValue("mailgw") @NotBlank String database) {
    }

    /**
     * The demo mail server's ports (CONTRACT §5) and its users {@code support@} and {@code customer@}
     * the demo domain.
     *
     * @param domain   the demo domain; default demo.local
     * @param password the password of every demo user; default demo (not a secret: a demo server on
     *                 loopback, printed in the ready report)
     */
    public record Mail(
            @DefaultValue("3025") @Min(1) @Max(65535) int smtpPort,
            @DefaultValue("3143") @Min(1) @Max(65535) int imapPort,
            @DefaultValue("3110") @Min(1) @Max(65535) int pop3Port,
            @DefaultValue("3465") @Min(1) @Max(65535) int smtpsPort,
            @DefaultValue("3993") @Min(1) @Max(65535) int imapsPort,
            @DefaultValue("3995") @Min(1) @Max(65535) int pop3sPort,
            @DefaultValue("demo.local") @NotBlank String domain,
            @DefaultValue("demo") @NotBlank String password) {

        /** The demo users' local parts; {@code support} is the inbox of contract demo. */
        public static final List<String> USERS = List.of("support", "customer");

        public String address(String user) {
            return user + "@" + domain;
        }

        public List<String> addresses() {
            return USERS.stream().map(this::address).toList();
        }
    }

    /**
     * The demo OAuth2 token endpoint (HTTPS, a self-signed certificate for the bind address that the
     * services trust) and the demo user that logs in with its token over XOAUTH2. Not secrets: a demo
     * on loopback, printed in the ready report.
     *
     * @param port         default 3443
     * @param clientId     the demo app's client id; default demo-client
     * @param clientSecret its secret; default demo-secret
     * @param accessToken  the token the endpoint issues, the one the demo mail server accepts; default demo-token
     * @param user         the local part of the demo user that logs in with it; default oauth
     */
    public record OAuth2(
            @DefaultValue("3443") @Min(1) @Max(65535) int port,
            @DefaultValue("demo-client") @NotBlank String clientId,
            @DefaultValue("demo-secret") @NotBlank String clientSecret,
            @DefaultValue("demo-token") @NotBlank String accessToken,
            @DefaultValue("oauth") @NotBlank String user) {
    }

    /**
     * @param enabled             whether the three services start; default true
     * @param configServicePort   default 8080
     * @param inboundPollerPort   default 8081
     * @param outboundSenderPort  default 8082
     */
    public record Services(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("8080") @Min(1) @Max(65535) int configServicePort,
            @DefaultValue("8081") @Min(1) @Max(65535) int inboundPollerPort,
            @DefaultValue("8082") @Min(1) @Max(65535) int outboundSenderPort) {
    }
}
