package io.mailgw.inbound;

import java.nio.file.Path;
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
 * @param tick                   how often the scheduler looks for due mailboxes; default 1 s
 * @param refresh                how often the enabled mailboxes are read again from MongoDB, so that new,
 *                               changed and disabled ones take effect; default 5 s
 * @param minPollInterval        floor under a mailbox's {@code pollIntervalSeconds}; default 10 s
 * @param workers                reads that run at once; a slow server holds one of them only; default 16
 * @param batchSize              messages read, published and confirmed together (one FETCH, one wait for
 *                               Kafka, one checkpoint write, one STORE); default 500
 * @param batchBytes             a batch is cut earlier once its messages reach this size; default 16 MB
 * @param largeMessage           a message above this size is streamed through a temporary file (in
 *                               chunks of this size) instead of being held in memory; default 1 MB
 * @param drainSlice             how long one mailbox may read before the others get a turn (it goes on at
 *                               its next turn); default 30 s
 * @param leasePeriod            within this time a new poller gets its share of the mailboxes and a dead
 *                               poller's mailboxes are taken over; default 30 s
 * @param connectTimeout         mail server connect timeout (Jakarta Mail's default is infinite); default 10 s
 * @param readTimeout            mail server read timeout, each reply; default 30 s
 * @param writeTimeout           mail server write timeout, each block; default 30 s
 * @param publishTimeout         how long a batch waits for Kafka's acks; default 35 s (above the producer's
 *                               {@code delivery.timeout.ms})
 * @param idleRenew              an IMAP IDLE is ended and entered again, and the folder checked, at least this
 *                               often, well below the 29 minutes of RFC 2177 and most NAT timeouts; default 5 min
 * @param backoffInitial         the wait after a first failure; it doubles with each further failure, with
 *                               jitter; default 5 s
 * @param backoffMax             the longest wait between two tries; default 1 h
 * @param authRetry              after a rejected login the mailbox waits this long, or until its configuration
 *                               changes, so that no account is locked out; default 1 h
 * @param readAttempts           a message that fails to be read this many times is published with
 *                               {@code parseError} and passed; default 3
 * @param attachmentInlineMax    attachments up to this size travel inline in base64, bigger ones go to
 *                               GridFS; default 256 KB
 * @param bodyMax                text and html bodies are cut at this many characters (the whole message
 *                               stays in GridFS); default 256 KB
 * @param eventMax               an event larger than this in JSON travels without bodies and inline
 *                               attachments (below the topic's 1 MB record limit); default 900 KB
 * @param mimeDepthMax           MIME parts nested deeper are not read, and {@code parseError} says so; default 50
 * @param mimePartsMax           MIME parts of one message read at most; default 1000
 * @param headerMax              a message whose header section is larger is not parsed; default 1 MB
 * @param messageMax             a larger message is kept raw and published unparsed; default 100 MB
 * @param spoolDir               where large messages are streamed to while they are read; default the
 *                               JVM's temporary directory
 * @param rawRetention           how long raw messages, stored attachments and the fingerprints of published
 *                               messages are kept; default 30 days
 * @param retentionSweepInterval how often expired blobs and fingerprints are removed; default 1 h
 * @param shutdownTimeout        how long a shutdown waits for running reads to end their batch; default 30 s
 */
@Validated
@ConfigurationProperties("mailgw.inbound")
public record InboundPollerProperties(
        @DefaultValue("1s") @NotNull Duration tick,
        @DefaultValue("5s") @NotNull Duration refresh,
        @DefaultValue("10s") @NotNull Duration minPollInterval,
        @DefaultValue("16") @Min(1) @Max(1024) int workers,
        @DefaultValue("500") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("16MB") @NotNull DataSize batchBytes,
        @DefaultValue("1MB") @NotNull DataSize largeMessage,
        @DefaultValue("30s") @NotNull Duration drainSlice,
        @DefaultValue("30s") @NotNull Duration leasePeriod,
        @DefaultValue("10s") @NotNull Duration connectTimeout,
        @DefaultValue("30s") @NotNull Duration readTimeout,
        @DefaultValue("30s") @NotNull Duration writeTimeout,
        @DefaultValue("35s") @NotNull Duration publishTimeout,
        @DefaultValue("5m") @NotNull Duration idleRenew,
        @DefaultValue("5s") @NotNull Duration backoffInitial,
        @DefaultValue("1h") @NotNull Duration backoffMax,
        @DefaultValue("1h") @NotNull Duration authRetry,
        @DefaultValue("3") @Min(1) int readAttempts,
        @DefaultValue("256KB") @NotNull DataSize attachmentInlineMax,
        @DefaultValue("256KB") @NotNull DataSize bodyMax,
        @DefaultValue("900KB") @NotNull DataSize eventMax,
        @DefaultValue("50") @Min(1) int mimeDepthMax,
        @DefaultValue("1000") @Min(1) int mimePartsMax,
        @DefaultValue("1MB") @NotNull DataSize headerMax,
        @DefaultValue("100MB") @NotNull DataSize messageMax,
        Path spoolDir,
        @DefaultValue("30d") @NotNull Duration rawRetention,
        @DefaultValue("1h") @NotNull Duration retentionSweepInterval,
        @DefaultValue("30s") @NotNull Duration shutdownTimeout) {

    public InboundPollerProperties {
        spoolDir = spoolDir != null ? spoolDir : Path.of(System.getProperty("java.io.tmpdir"));
    }
}
