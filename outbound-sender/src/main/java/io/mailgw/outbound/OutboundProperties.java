package io.mailgw.outbound;

import java.time.Duration;
import java.util.List;

import io.mailgw.events.SendMailRequestValidator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The sender's configuration ({@code mailgw.outbound.*}). The short in-place SMTP retries are
 * resilience4j's instance {@code smtp} ({@code resilience4j.retry.instances.smtp.*}).
 *
 * @param consumerGroup      Kafka consumer group of all senders; default {@code mail-outbound-sender}
 * @param maxRecipients      recipients in to, cc and bcc of one request; default 100
 * @param maxAttachmentSize  decoded attachment bytes of one request; default 10 MB
 * @param smtp               SMTP socket timeouts
 * @param retry              delayed retries through retry topics
 * @param statusSendTimeout  how long to wait for Kafka to acknowledge a status event; default 30 s
 */
@Validated
@ConfigurationProperties("mailgw.outbound")
public record OutboundProperties(
        @DefaultValue("mail-outbound-sender") @NotBlank String consumerGroup,
        @DefaultValue("100") @Min(1) int maxRecipients,
        @DefaultValue("10MB") @NotNull DataSize maxAttachmentSize,
        @DefaultValue @Valid Smtp smtp,
        @DefaultValue @Valid Retry retry,
        @DefaultValue("30s") @NotNull Duration statusSendTimeout) {

    /** The limits of CONTRACT §3 that every request is checked against. */
    public SendMailRequestValidator.Limits limits() {
        return new SendMailRequestValidator.Limits(maxRecipients, maxAttachmentSize.toBytes());
    }

    /**
     * Socket timeouts of every SMTP connection; Jakarta Mail's own defaults are infinite.
     *
     * @param connectTimeout establishing the TCP connection; default 10 s
     * @param readTimeout    waiting for a server reply; default 30 s
     * @param writeTimeout   writing one block of the message; default 30 s
     */
    public record Smtp(
            @DefaultValue("10s") @NotNull Duration connectTimeout,
            @DefaultValue("30s") @NotNull Duration readTimeout,
            @DefaultValue("30s") @NotNull Duration writeTimeout) {
    }

    /**
     * Delayed retries of transient failures (SMTP 4xx, unreachable server, no usable outbox).
     * Each delay is one retry topic ({@code <requests topic>.retry-<n>}), so a request gets
     * {@code delays.size() + 1} attempts before it is {@code FAILED} and dead-lettered.
     *
     * @param delays                 wait before each retry; default 30 s, 2 min, 10 min
     * @param infrastructureMaxBackoff longest pause between in-place retries while MongoDB or Kafka
     *                               cannot record an outcome (the record is never skipped); default 30 s
     */
    public record Retry(
            @DefaultValue({"30s", "2m", "10m"}) @NotEmpty List<Duration> delays,
            @DefaultValue("30s") @NotNull Duration infrastructureMaxBackoff) {

        /** Attempts of one request: the first one plus one per retry topic. */
        public int maxAttempts() {
            return delays.size() + 1;
        }

        /** The wait before the attempt after {@code attempt}, or zero after the last one. */
        public Duration delayAfter(int attempt) {
            return attempt >= 1 && attempt <= delays.size() ? delays.get(attempt - 1) : Duration.ZERO;
        }
    }
}
