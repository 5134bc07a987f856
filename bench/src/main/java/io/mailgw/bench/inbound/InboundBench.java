package io.mailgw.bench.inbound;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.mailgw.bench.BenchSettings;
import io.mailgw.bench.infra.BenchStack;
import io.mailgw.bench.infra.ConfigurationSeeder;
import io.mailgw.bench.infra.ProcessSampler;
import io.mailgw.bench.infra.ResourceUsage;
import io.mailgw.bench.infra.ServiceProcess;
import io.mailgw.bench.report.ResultTable;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.StartFrom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound benchmark, in one run on this machine against the bench's own Dovecot: a raw
 * {@code UID FETCH} of a folder (the limit); the inbound-poller in its own JVM draining the same
 * folder; the latency of mail delivered one by one through LMTP; and one poller with thousands of
 * mailboxes. Each part gets a fresh poller and only its own mailboxes.
 */
public final class InboundBench {

    static final String DRAIN_USER = "bench-drain";
    static final String WARMUP_USER = "bench-warmup";
    static final String IDLE_USER = "bench-idle";
    private static final Logger log = LoggerFactory.getLogger(InboundBench.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final BenchSettings settings;
    private final BenchSettings.Inbound inbound;
    private final BenchStack stack;
    private final Path dir;

    public InboundBench(BenchSettings settings, BenchStack stack) {
        this.settings = settings;
        this.inbound = settings.inbound();
        this.stack = stack;
        this.dir = settings.workDir();
    }

    public ResultTable run() throws Exception {
        List<String> many = IntStream.rangeClosed(1, inbound.mailboxes()).mapToObj(n -> String.format("many-%05d", n))
                .toList();
        List<String> users = new ArrayList<>(List.of(DRAIN_USER, WARMUP_USER, IDLE_USER));
        users.addAll(many);
        try (Dovecot dovecot = Dovecot.start(dir.resolve("dovecot"), settings.ports(), users);
             ConfigurationSeeder seeder = new ConfigurationSeeder(stack.mongoUri(), stack.cipher());
             ReceivedWatcher received = new ReceivedWatcher(stack.bootstrapServers())) {
            log.info("Writing {} messages of {} bytes into {}'s INBOX", inbound.messages(), inbound.messageBytes(),
                    DRAIN_USER);
            new MaildirFolder(dovecot.maildir(DRAIN_USER)).write("drain", inbound.messages(), inbound.messageBytes());
            new MaildirFolder(dovecot.maildir(WARMUP_USER)).write("warmup", inbound.warmup(), inbound.messageBytes());
            dovecot.prepareMail();
            RawImapFetch.FetchResult limit = rawFetch();
            log.info("Limit: raw fetch of {} messages ({} bytes) in {} ms", limit.messages(), limit.bytes(),
                    limit.took().toMillis());
            DrainRun drain = drain(seeder, received, dovecot);
            log.info("Gateway drain: {}", drain);
            IdleRun idle = new IdleLatency(settings, received).run(this::startPoller, seeder);
            log.info("New-mail latency: {}", idle);
            ManyRun manyRun = many(seeder, dovecot, many);
            log.info("Many mailboxes: {}", manyRun);
            return new InboundReport(inbound).table(limit, drain, idle, manyRun);
        }
    }

    /** One unmeasured fetch builds Dovecot's index of the new folder; the best of three measured ones is the limit. */
    private RawImapFetch.FetchResult rawFetch() throws Exception {
        RawImapFetch fetch = new RawImapFetch(settings.ports().imap());
        fetch.fetchAll(DRAIN_USER, DRAIN_USER);
        RawImapFetch.FetchResult best = null;
        for (int run = 0; run < 3; run++) {
            RawImapFetch.FetchResult result = fetch.fetchAll(DRAIN_USER, DRAIN_USER);
            if (result.messages() != inbound.messages()) {
                throw new IllegalStateException("The raw fetch read " + result.messages() + " messages of "
                        + inbound.messages());
            }
            best = best == null || result.took().compareTo(best.took()) < 0 ? result : best;
        }
        return best;
    }

    /**
     * A fresh poller first drains a warm-up folder (its code compiled, its connections to Kafka and
     * MongoDB open, as in a poller that has been running), then the measured one.
     */
    private DrainRun drain(ConfigurationSeeder seeder, ReceivedWatcher received, Dovecot dovecot) throws Exception {
        try (ServiceProcess poller = startPoller("drain")) {
            poller.awaitReady(START_TIMEOUT);
            if (inbound.warmup() > 0) {
                seeder.saveValid(List.of(drainedInbox(seeder, WARMUP_USER)));
                if (!received.awaitCount(WARMUP_USER, inbound.warmup(), inbound.deadline())) {
                    log.warn("The poller did not drain its {} warm-up messages within {} s; measuring anyway",
                            inbound.warmup(), inbound.deadline().toSeconds());
                }
            }
            ProcessSampler sampler = ProcessSampler.attach(poller.pid());
            long createdAt = System.currentTimeMillis();
            seeder.saveValid(List.of(drainedInbox(seeder, DRAIN_USER)));
            boolean complete = received.awaitCount(DRAIN_USER, inbound.messages(), inbound.deadline());
            ResourceUsage usage = sampler.stop();
            Long lastAt = received.lastPublishedAt(DRAIN_USER);
            long endAt = complete && lastAt != null ? lastAt : System.currentTimeMillis();
            long loginAt = firstLoginSince(dovecot, DRAIN_USER, createdAt);
            return new DrainRun(inbound.messages(), received.count(DRAIN_USER), Duration.ofMillis(endAt - loginAt),
                    Duration.ofMillis(loginAt - createdAt), usage);
        }
        finally {
            seeder.removeInboxes();
        }
    }

    private Mailbox drainedInbox(ConfigurationSeeder seeder, String user) {
        return seeder.imapInbox(user, "127.0.0.1", settings.ports().imap(), user, user,
                (int) inbound.pollInterval().toSeconds(), StartFrom.ALL);
    }

    /** {@code user}'s first login to Dovecot at or after {@code since}, epoch ms; {@code since} when none is logged. */
    private static long firstLoginSince(Dovecot dovecot, String user, long since) throws IOException {
        LoginLog logins;
        try (Stream<String> lines = Files.lines(dovecot.log())) {
            logins = LoginLog.parse(lines, ZoneId.systemDefault());
        }
        return logins.loginsOf(user).stream().filter(at -> at >= since).findFirst().orElse(since);
    }

    private ManyRun many(ConfigurationSeeder seeder, Dovecot dovecot, List<String> users) throws Exception {
        List<Mailbox> mailboxes = users.stream().map(user -> seeder.imapInbox(user, "127.0.0.1",
                settings.ports().imap(), user, user, (int) inbound.manyInterval().toSeconds(), StartFrom.NOW)).toList();
        seeder.saveValid(mailboxes);
        log.info("{} mailboxes configured; watching one poller for {} s", users.size(), inbound.manyFor().toSeconds());
        try (ServiceProcess poller = startPoller("many")) {
            poller.awaitReady(START_TIMEOUT);
            long startAt = System.currentTimeMillis();
            ProcessSampler sampler = ProcessSampler.attach(poller.pid());
            poller.awaitRunning(inbound.manyFor());
            ResourceUsage usage = sampler.stop();
            long endAt = System.currentTimeMillis();
            LoginLog logins;
            try (Stream<String> lines = Files.lines(dovecot.log())) {
                logins = LoginLog.parse(lines, ZoneId.systemDefault());
            }
            return new ManyRun(SchedulingDelay.of(logins, users, startAt, endAt, inbound.manyInterval()), usage,
                    Duration.ofMillis(endAt - startAt));
        }
        finally {
            seeder.removeInboxes();
        }
    }

    ServiceProcess startPoller(String phase) throws Exception {
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "MONGODB_URI", stack.mongoUri(),
                "MAILGW_SECRET_KEY", stack.secretKey(),
                "MAILGW_CONNECT_ALLOW", "127.0.0.0/8",
                "MAILGW_CONNECT_PORTS", settings.ports().mailPorts());
        return ServiceProcess.start(settings.repository(), "inbound-poller", inbound.pollerHeap(),
                settings.ports().poller(), env, inbound.pollerArguments(),
                dir.resolve("logs/inbound-poller-" + phase + ".log"));
    }
}
