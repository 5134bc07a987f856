package io.mailgw.inbound;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the inbound poller ({@code mailgw.inbound.*}), all with defaults.
 *
 * @param tick                    how often the scheduler looks for due mailboxes; default 1 s
 * @param minPollInterval         floor under a mailbox's {@code pollIntervalSeconds}; default 10 s
 * @param workers                 polls that run at once, so one slow server holds one worker only; default 4
 * @param batchSize               messages published per poll at most, the rest wait for the next; default 100
 * @param leasePeriod             how long a claimed mailbox stays this poller's without renewal; a dead
 *                                poller's mailboxes are taken over after it; default 60 s
 * @param connectTimeout          mail server connect timeout (Jakarta Mail's default is infinite); default 10 s
 * @param readTimeout             mail server read timeout; default 30 s
 * @param writeTimeout            mail server write timeout; default 30 s
 * @param publishTimeout          how long a publish waits for Kafka's ack; default 35 s (above the
 *                                producer's {@code delivery.timeout.ms})
 * @param attachmentInlineMax     attachments up to this size travel inline in base64, bigger ones go to
 *                                GridFS; default 256 KB
 * @param bodyMax                 text and html bodies are cut at this many characters (the whole
 *                                message stays in GridFS); default 256 KB
 * @param eventMax                an event larger than this in JSON travels without bodies and inline
 *                                attachments (below the topic's 1 MB record limit); default 900 KB
 * @param rawRetention            how long raw messages and stored attachments stay in GridFS; default 30 days
 * @param retentionSweepInterval  how often expired blobs are removed; default 1 h
 * @param shutdownTimeout         how long a shutdown waits for in-flight polls to finish their current
 *                                message before abandoning it; default 30 s
 */
@Validated
@ConfigurationProperties("mailgw.inbound")
public record InboundPollerProperties(
        @DefaultValue("1s") @NotNull Duration tick,
        @DefaultValue("10s") @NotNull Duration minPollInterval,
        @DefaultValue("4") @Min(1) @Max(256) int workers,
        @DefaultValue("100") @Min(1) int batchSize,
        @DefaultValue("60s") @NotNull Duration leasePeriod,
        @DefaultValue("10s") @NotNull Duration connectTimeout,
        @DefaultValue("30s") @NotNull Duration readTimeout,
        @DefaultValue("30s") @NotNull Duration writeTimeout,
        @DefaultValue("35s") @NotNull Duration publishTimeout,
        @DefaultValue("256KB") @NotNull DataSize attachmentInlineMax,
        @DefaultValue("256KB") @NotNull DataSize bodyMax,
        @DefaultValue("900KB") @NotNull DataSize eventMax,
        @DefaultValue("30d") @NotNull Duration rawRetention,
        @DefaultValue("1h") @NotNull Duration retentionSweepInterval,
        @DefaultValue("30s") @NotNull Duration shutdownTimeout) {
}
