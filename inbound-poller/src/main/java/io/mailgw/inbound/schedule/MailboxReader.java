package io.mailgw.inbound.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.function.BooleanSupplier;

import io.mailgw.inbound.InboundPollerProperties;
import io.mailgw.inbound.checkpoint.CheckpointStore;
import io.mailgw.inbound.lease.LeaseLostException;
import io.mailgw.inbound.lease.MailboxLeaseRegistry;
import io.mailgw.inbound.poll.DrainOutcome;
import io.mailgw.inbound.poll.MailFolder;
import io.mailgw.inbound.poll.MailPoller;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one read of one mailbox on a worker thread, with the mailbox's settings as they are in
 * MongoDB now (a mailbox switched off since the last refresh is not read; a changed one is read
 * with its new settings on a new connection), and decides, from how it ended, when the next one is
 * due: after the mailbox's interval (or the IDLE renewal time while it waits with IDLE);
 * after a failure with exponential backoff and jitter, up to {@code backoff-max}; after a refused
 * login only when its settings change or after {@code auth-retry}, so that no account is locked
 * out. Every read ends in the mailbox status: the state, the last error in plain words, the time of
 * the next try. Counts {@code mailgw.inbound.poll} (timer) and {@code mailgw.inbound.poll.failures}.
 */
final class MailboxReader {

    private static final Logger log = LoggerFactory.getLogger(MailboxReader.class);

    private final MailboxRepository mailboxes;
    private final MailPoller poller;
    private final CheckpointStore checkpoints;
    private final MailboxLeaseRegistry leases;
    private final MailboxStatusRecorder status;
    private final InboundPollerProperties properties;
    private final ReadTimes readTimes;
    private final Backoff backoff;
    private final Clock clock;
    private final MeterRegistry meters;

    MailboxReader(MailboxRepository mailboxes, MailPoller poller, CheckpointStore checkpoints, MailboxLeaseRegistry leases,
                  MailboxStatusRecorder status, InboundPollerProperties properties, Clock clock, MeterRegistry meters) {
        this.mailboxes = mailboxes;
        this.poller = poller;
        this.checkpoints = checkpoints;
        this.leases = leases;
        this.status = status;
        this.properties = properties;
        this.readTimes = new ReadTimes(properties.minPollInterval(), properties.idleRenew());
        this.backoff = new Backoff(properties.backoffInitial(), properties.backoffMax(), new Random());
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * @param running  whether the poller still runs
     * @param listener hears of IDLE news and lost connections for this mailbox
     * @return whether the mailbox should be read again at once (more mail waits, or news came meanwhile)
     */
    boolean read(MailboxRuntime runtime, BooleanSupplier running, MailFolder.IdleListener listener) {
        Optional<Mailbox> current = mailboxes.findById(runtime.id()).map(Mailbox::withDefaults);
        if (current.isEmpty() || !current.get().enabled() || !current.get().isInbound()) {
            // switched off or deleted since the last refresh, which gives the lease back
            runtime.connection().close();
            runtime.dueAt(clock.instant().plus(properties.refresh()));
            return false;
        }
        if (!current.get().equals(runtime.mailbox())) {
            runtime.reconfigured(current.get(), clock.instant());
        }
        if (runtime.takeReconnect()) {
            runtime.connection().close();
        }
        Mailbox mailbox = runtime.mailbox();
        Timer.Sample sample = Timer.start(meters);
        DrainOutcome outcome;
        try {
            if (runtime.checkpoint() == null) {
                runtime.checkpoint(checkpoints.open(runtime.lease()));
            }
            outcome = poller.drain(mailbox, runtime.checkpoint(), runtime.connection(), runtime.care(),
                    () -> running.getAsBoolean() && !runtime.stopped() && leases.holds(runtime.id()), listener);
        }
        catch (LeaseLostException ex) {
            log.info("{}: {}", mailbox.describe(), ex.getMessage());
            runtime.stop();
            return false;
        }
        sample.stop(meters.timer("mailgw.inbound.poll", "outcome", outcome.failed() ? "failure" : "success"));
        if (outcome.abandoned()) {
            return false;
        }
        if (outcome.failed()) {
            failed(runtime, mailbox, outcome);
            return false;
        }
        succeeded(runtime, mailbox, outcome);
        return outcome.more() || runtime.takeNews();
    }

    private void succeeded(MailboxRuntime runtime, Mailbox mailbox, DrainOutcome outcome) {
        runtime.succeeded();
        Instant now = clock.instant();
        Instant next = outcome.more() ? now : now.plus(readTimes.next(mailbox, outcome.idling()));
        runtime.dueAt(next);
        status.success(mailbox.id(), outcome.published(), outcome.idling() ? null : next);
        if (outcome.published() > 0) {
            log.info("Read {}: published {} message(s){}", mailbox.describe(), outcome.published(),
                    outcome.more() ? ", more to come" : outcome.idling() ? "; waiting with IDLE" : "");
        }
    }

    private void failed(MailboxRuntime runtime, Mailbox mailbox, DrainOutcome outcome) {
        int failures = runtime.failed();
        MailboxState state = outcome.failure().state();
        Duration wait = state == MailboxState.AUTH_FAILED ? properties.authRetry() : backoff.after(failures);
        runtime.dueAt(status.failure(mailbox.id(), state, outcome.failure().reason(), wait));
        meters.counter("mailgw.inbound.poll.failures", "mailbox", mailbox.id(), "state", state.name()).increment();
        log.warn("Reading {} failed ({}); next try in {}{}", mailbox.describe(), outcome.failure().reason(),
                human(wait), state == MailboxState.AUTH_FAILED ? " or when its settings change" : "");
        log.debug("Reading {} failed", mailbox.describe(), outcome.cause());
    }

    private static String human(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? (seconds / 60) + " min" : (seconds / 3600) + " h";
    }
}
