package io.mailgw.bench.inbound;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import static io.mailgw.bench.inbound.LoginLogTests.epochMillis;
import static org.assertj.core.api.Assertions.assertThat;

class SchedulingDelayTests {

    private static final long START = epochMillis("2026-12-02T10:00:00");
    private static final long END = epochMillis("2026-12-02T10:03:00");
    private static final Duration INTERVAL = Duration.ofSeconds(60);

    @Test
    void measuresFirstReadsFromTheStartAndRepollsAgainstTheInterval() {
        LoginLog log = LoginLog.parse("""
                2026-12-02 10:00:01.000000 imap-login: Info: Login: user=<a>, method=PLAIN
                2026-12-02 10:00:01.010000 imap(a)<1><s>: Info: Disconnected: Logged out
                2026-12-02 10:01:03.000000 imap-login: Info: Login: user=<a>, method=PLAIN
                2026-12-02 10:01:03.010000 imap(a)<1><s>: Info: Disconnected: Logged out
                2026-12-02 10:02:03.500000 imap-login: Info: Login: user=<a>, method=PLAIN
                2026-12-02 10:02:03.510000 imap(a)<1><s>: Info: Disconnected: Logged out
                2026-12-02 10:00:04.000000 imap-login: Info: Login: user=<b>, method=PLAIN
                2026-12-02 10:00:04.010000 imap(b)<1><s>: Info: Disconnected: Logged out
                2026-12-02 10:01:04.000000 imap-login: Info: Login: user=<b>, method=PLAIN
                2026-12-02 10:01:04.010000 imap(b)<1><s>: Info: Disconnected: Logged out
                2026-12-02 10:02:04.000000 imap-login: Info: Login: user=<b>, method=PLAIN
                2026-12-02 10:02:04.010000 imap(b)<1><s>: Info: Disconnected: Logged out
                """.lines(), ZoneOffset.UTC);

        SchedulingDelay delay = SchedulingDelay.of(log, List.of("a", "b"), START, END, INTERVAL);

        assertThat(delay.readOnce()).isEqualTo(2);
        assertThat(delay.firstRead().percentile(100)).hasValue(4_000);
        assertThat(delay.lateness().expected()).isEqualTo(4);
        assertThat(delay.lateness().percentile(50)).hasValue(0);
        assertThat(delay.lateness().percentile(75)).hasValue(500);
        assertThat(delay.lateness().percentile(100)).hasValue(2_000);
        assertThat(delay.overdueBy()).isZero();
    }

    @Test
    void aMailboxNeverReadLeavesItsFirstReadUnfinished() {
        LoginLog log = LoginLog.parse("""
                2026-12-02 10:00:01.000000 imap-login: Info: Login: user=<a>, method=PLAIN
                2026-12-02 10:00:01.010000 imap(a)<1><s>: Info: Disconnected: Logged out
                """.lines(), ZoneOffset.UTC);

        SchedulingDelay delay = SchedulingDelay.of(log, List.of("a", "b"), START, END, INTERVAL);

        assertThat(delay.readOnce()).isEqualTo(1);
        assertThat(delay.firstRead().percentile(50)).hasValue(1_000);
        assertThat(delay.firstRead().percentile(100)).isEmpty();
    }

    @Test
    void anOverduePollCountsAsUnfinishedButAnOpenSessionIsWatched() {
        LoginLog log = LoginLog.parse("""
                2026-12-02 10:00:01.000000 imap-login: Info: Login: user=<polled>, method=PLAIN
                2026-12-02 10:00:01.010000 imap(polled)<1><s>: Info: Disconnected: Logged out
                2026-12-02 10:00:02.000000 imap-login: Info: Login: user=<idle>, method=PLAIN
                """.lines(), ZoneOffset.UTC);

        SchedulingDelay delay = SchedulingDelay.of(log, List.of("polled", "idle"), START, END, INTERVAL);

        assertThat(delay.connected()).isEqualTo(1);
        assertThat(delay.lateness().expected()).isEqualTo(1);
        assertThat(delay.lateness().finished()).isZero();
        assertThat(delay.overdueBy()).isEqualTo(Duration.ofSeconds(119));
    }

    @Test
    void loginsBeforeTheStartBelongToAnEarlierRun() {
        LoginLog log = LoginLog.parse("""
                2026-12-02 09:59:00.000000 imap-login: Info: Login: user=<a>, method=PLAIN
                2026-12-02 09:59:00.010000 imap(a)<1><s>: Info: Disconnected: Logged out
                """.lines(), ZoneOffset.UTC);

        assertThat(SchedulingDelay.of(log, List.of("a"), START, END, INTERVAL).readOnce()).isZero();
    }
}
