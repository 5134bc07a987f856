package io.mailgw.bench.inbound;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.mailgw.bench.BenchSettings;
import io.mailgw.bench.infra.ConfigurationSeeder;
import io.mailgw.bench.infra.ServiceProcess;
import io.mailgw.bench.report.Latencies;
import io.mailgw.model.mailbox.StartFrom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latency of new mail: messages delivered one by one through Dovecot's LMTP, at a steady
 * pace, into a mailbox the poller already watches ({@code startFrom: NOW}); each one's latency
 * runs from LMTP's {@code 250} to the timestamp of its record on {@code mail.inbound.messages}.
 * Before the measured messages, primers are delivered until one is published, so that the
 * mailbox's first read (which only sets where "now" is) is behind it.
 */
final class IdleLatency {

    private static final Logger log = LoggerFactory.getLogger(IdleLatency.class);
    private static final int PRIMERS = 10;

    private final BenchSettings settings;
    private final BenchSettings.Inbound inbound;
    private final ReceivedWatcher received;

    IdleLatency(BenchSettings settings, ReceivedWatcher received) {
        this.settings = settings;
        this.inbound = settings.inbound();
        this.received = received;
    }

    /** Starts the phase's poller with {@code pollers}. */
    interface PollerStarter {
        ServiceProcess start(String phase) throws Exception;
    }

    IdleRun run(PollerStarter pollers, ConfigurationSeeder seeder) throws Exception {
        int interval = (int) inbound.pollInterval().toSeconds();
        try (ServiceProcess poller = pollers.start("idle");
             LmtpClient lmtp = new LmtpClient(settings.ports().lmtp())) {
            poller.awaitReady(Duration.ofMinutes(3));
            seeder.saveValid(List.of(seeder.imapInbox(InboundBench.IDLE_USER, "127.0.0.1", settings.ports().imap(),
                    InboundBench.IDLE_USER, InboundBench.IDLE_USER, interval, StartFrom.NOW)));
            prime(lmtp, Duration.ofSeconds(interval + 10L));
            Map<String, Long> deliveredAt = deliverPaced(lmtp);
            Duration wait = inbound.pollInterval().multipliedBy(2).plusSeconds(30);
            received.awaitAllPublished(deliveredAt.keySet(), wait);
            List<Long> latencies = new ArrayList<>();
            deliveredAt.forEach((messageId, at) -> {
                Long publishedAt = received.publishedAt(messageId);
                if (publishedAt != null) {
                    latencies.add(publishedAt - at);
                }
            });
            return new IdleRun(Latencies.of(latencies, inbound.idleMessages()), interval);
        }
        finally {
            seeder.removeInboxes();
        }
    }

    private void prime(LmtpClient lmtp, Duration eachWait) throws Exception {
        for (int primer = 1; primer <= PRIMERS; primer++) {
            lmtp.deliver(InboundBench.IDLE_USER, MaildirFolder.message("primer", primer, inbound.messageBytes()));
            if (received.awaitPublished(MaildirFolder.messageId("primer", primer), eachWait)) {
                return;
            }
        }
        throw new IllegalStateException("None of " + PRIMERS + " primer messages was published; see the poller's log");
    }

    /** Delivers the measured messages one every {@code idleSpacing}, and returns each one's 250 time by Message-ID. */
    private Map<String, Long> deliverPaced(LmtpClient lmtp) throws InterruptedException {
        Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger(1);
        CountDownLatch done = new CountDownLatch(1);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.scheduleAtFixedRate(() -> {
                int number = next.getAndIncrement();
                if (number > inbound.idleMessages()) {
                    done.countDown();
                    return;
                }
                try {
                    deliveredAt.put(MaildirFolder.messageId("idle", number), lmtp.deliver(InboundBench.IDLE_USER,
                            MaildirFolder.message("idle", number, inbound.messageBytes())));
                }
                catch (IOException ex) {
                    log.warn("Delivering message {} through LMTP failed ({}); it is not counted", number, ex.getMessage());
                }
            }, 0, inbound.idleSpacing().toMillis(), TimeUnit.MILLISECONDS);
            long expected = inbound.idleSpacing().multipliedBy(inbound.idleMessages()).toSeconds();
            if (!done.await(expected * 2 + 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Delivering " + inbound.idleMessages() + " messages took too long");
            }
        }
        finally {
            timer.shutdownNow();
        }
        return deliveredAt;
    }
}
