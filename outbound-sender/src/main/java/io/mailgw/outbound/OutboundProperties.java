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
 * The sender's configuration ({@code mailgw.outbound.*}), defaults in one place. The quick in-place
 * SMTP retries are resilience4j's retry {@code smtp}, each outbox's circuit breaker is built from
 * resilience4j's circuit-breaker config {@code outbox} ({@code resilience4j.*} properties).
 *
 * @param consumerGroup     Kafka consumer group of all senders; default {@code mail-outbound-sender}
 * @param maxRecipients     recipients in to, cc and bcc of one request; default 100
 * @param maxAttachmentSize decoded attachment bytes of one request; default 10 MB
 * @param smtp              SMTP connections: timeouts, deadline, pooling
 * @param retry             delayed retries through the delay topics
 * @param intake            how much the Kafka intake keeps in flight, and how often it commits
 * @param lane              each outbox's queue
 * @param configRefresh     the longest a cached outbox, contract or default may be stale when a
 *                          change event is missed: everything is read again this often; default 30 s
 * @param retention         how long the delivery log keeps a request after its last change; default 30 days
 * @param retentionSweep    how often expired delivery records are removed; default 1 h
 */
@Validated
@ConfigurationProperties("mailgw.outbound")
public record OutboundProperties(
        @DefaultValue("mail-outbound-sender") @NotBlank String consumerGroup,
        @DefaultValue("100") @Min(1) int maxRecipients,
        @DefaultValue("10MB") @NotNull DataSize maxAttachmentSize,
        @DefaultValue @Valid Smtp smtp,
        @DefaultValue @Valid Retry retry,
        @DefaultValue @Valid Intake intake,
        @DefaultValue @Valid Lane lane,
        @DefaultValue("30s") @NotNull Duration configRefresh,
        @DefaultValue("30d") @NotNull Duration retention,
        @DefaultValue("1h") @NotNull Duration retentionSweep) {

    /** The limits of CONTRACT §3 that every request is checked against. */
    public SendMailRequestValidator.Limits limits() {
        return new SendMailRequestValidator.Limits(maxRecipients, maxAttachmentSize.toBytes());
    }

    /**
     * SMTP connections; Jakarta Mail's own timeouts are infinite.
     *
     * @param connectTimeout           establishing the TCP connection; default 10 s
     * @param readTimeout              waiting for one server reply; default 30 s
     * @param writeTimeout             writing one block of the message; default 30 s
     * @param deadline                 one whole attempt (connect, login, send), whatever the server does;
     *                                 default 60 s
     * @param maxMessagesPerConnection messages sent over one pooled connection before it is closed; default 100
     * @param idleTimeout              an unused pooled connection is closed after this; default 30 s
     * @param addressRefresh           how long a server's checked address and TLS context are reused
     *                                 before its name is resolved and checked again; default 5 min
     */
    public record Smtp(
            @DefaultValue("10s") @NotNull Duration connectTimeout,
            @DefaultValue("30s") @NotNull Duration readTimeout,
            @DefaultValue("30s") @NotNull Duration writeTimeout,
            @DefaultValue("60s") @NotNull Duration deadline,
            @DefaultValue("100") @Min(1) int maxMessagesPerConnection,
            @DefaultValue("30s") @NotNull Duration idleTimeout,
            @DefaultValue("5m") @NotNull Duration addressRefresh) {
    }

    /**
     * Delayed retries of transient failures (SMTP 4xx, unreachable server, no usable outbox). Each
     * delay is one delay topic ({@code <requests topic>.retry-<n>}), so a request gets
     * {@code delays.size() + 1} attempts before it is {@code FAILED} and dead-lettered. A request
     * deferred because its outbox is busy, rate-limited, not answering or its circuit is open uses no
     * attempt: it waits in the first delay topic, and, while its outbox is down (not answering, circuit
     * open), in the next one each time it is deferred again in a row. One whose outbox rejects the login
     * waits in the last.
     *
     * @param delays                   wait before each retry; default 30 s, 2 min, 10 min
     * @param authFailedMaxWait        how long mail waits for an admin to fix an outbox whose login
     *                                 fails before it is {@code FAILED}; default 72 h
     * @param infrastructureMaxBackoff longest pause between tries to record an outcome while MongoDB
     *                                 or Kafka is unavailable (the outcome is never dropped); default 30 s
     */
    public record Retry(
            @DefaultValue({"30s", "2m", "10m"}) @NotEmpty List<Duration> delays,
            @DefaultValue("72h") @NotNull Duration authFailedMaxWait,
            @DefaultValue("30s") @NotNull Duration infrastructureMaxBackoff) {

        /** Attempts of one request: the first one plus one per delay topic. */
        public int maxAttempts() {
            return delays.size() + 1;
        }

        /** The wait before the attempt after {@code attempt}, or zero after the last one. */
        public Duration delayAfter(int attempt) {
            return attempt >= 1 && attempt <= delays.size() ? delays.get(attempt - 1) : Duration.ZERO;
        }
    }

    /**
     * The Kafka intake. A partition with too many requests in flight is paused, never blocked; all
     * are paused while the requests in flight hold too many bytes.
     *
     * @param maxInFlightPerPartition requests read but not finished per partition; default 1,000
     * @param maxInFlightBytes        heap held by requests read but not finished, all partitions,
     *                                estimated at four times their JSON; default 32 MB
     * @param commitInterval          how often finished offsets are committed; default 200 ms
     * @param shutdownTimeout         how long a shutdown waits for sends in progress; default 30 s
     */
    public record Intake(
            @DefaultValue("1000") @Min(1) int maxInFlightPerPartition,
            @DefaultValue("32MB") @NotNull DataSize maxInFlightBytes,
            @DefaultValue("200ms") @NotNull Duration commitInterval,
            @DefaultValue("30s") @NotNull Duration shutdownTimeout) {
    }

    /**
     * Each outbox's lane: up to its {@code maxConnections} sends at once, and a bounded queue. A full
     * lane holds its mail back in the intake (backpressure), unless another contract's mail waits
     * behind it in the partition and the lane does not drain within {@code maxQueueWait}: then its
     * mail is deferred to the first delay topic, so that a slow server delays nobody else.
     *
     * @param queueCapacity     requests waiting per outbox; default 200
     * @param maxQueueWait      how long another contract's mail may be expected to wait behind a full lane; default 2 s
     * @param stallAfter        a lane whose sends all started this long ago without one finishing is
     *                          stalled: its queue and new mail are deferred at once; default 10 s
     * @param maxConcurrentSends sends at once over all outboxes (threads); default 256
     */
    public record Lane(
            @DefaultValue("200") @Min(1) int queueCapacity,
            @DefaultValue("2s") @NotNull Duration maxQueueWait,
            @DefaultValue("10s") @NotNull Duration stallAfter,
            @DefaultValue("256") @Min(1) int maxConcurrentSends) {
    }
}
