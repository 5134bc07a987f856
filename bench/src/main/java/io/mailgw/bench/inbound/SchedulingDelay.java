package io.mailgw.bench.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.mailgw.bench.report.Latencies;

/**
 * How late the polls of many mailboxes started, read from Dovecot's logins. Every mailbox is due
 * at once when the poller starts; after a poll it is due one interval later. The lateness of a
 * re-poll is the time between two logins less the interval (a little more than the truth: the
 * interval counts from the end of the previous poll, which on an empty INBOX is milliseconds after
 * its login). A mailbox still overdue when the window closes counts as unfinished, unless its
 * session is still open: a mailbox watched with IDLE is not polled again.
 *
 * @param mailboxes  mailboxes configured
 * @param readOnce   mailboxes that logged in at least once in the window
 * @param firstRead  per mailbox, from the poller's start to its first login; unfinished when never
 * @param lateness   per due re-poll, how late it started; unfinished when it had not started by the end
 * @param connected  mailboxes whose session was still open at the end (IDLE)
 * @param overdueBy  how long the least overdue of the unstarted re-polls had been due when the window
 *                   closed: what their lateness is known to exceed; zero when none was overdue
 */
record SchedulingDelay(int mailboxes, int readOnce, Latencies firstRead, Latencies lateness, int connected,
                       Duration overdueBy) {

    /**
     * @param startAt when the poller was started with every mailbox configured, epoch ms
     * @param endAt   when the window closed, epoch ms
     */
    static SchedulingDelay of(LoginLog log, Collection<String> users, long startAt, long endAt, Duration interval) {
        List<Long> firstReads = new ArrayList<>();
        List<Long> lateness = new ArrayList<>();
        int overdue = 0;
        long overdueBy = Long.MAX_VALUE;
        int connected = 0;
        for (String user : users) {
            List<Long> logins = log.loginsOf(user).stream().filter(at -> at >= startAt && at <= endAt).toList();
            if (logins.isEmpty()) {
                continue;
            }
            firstReads.add(logins.get(0) - startAt);
            for (int next = 1; next < logins.size(); next++) {
                lateness.add(Math.max(0, logins.get(next) - logins.get(next - 1) - interval.toMillis()));
            }
            if (log.connected(user)) {
                connected++;
            }
            else if (logins.get(logins.size() - 1) + interval.toMillis() < endAt) {
                overdue++;
                overdueBy = Math.min(overdueBy, endAt - logins.get(logins.size() - 1) - interval.toMillis());
            }
        }
        return new SchedulingDelay(users.size(), firstReads.size(), Latencies.of(firstReads, users.size()),
                Latencies.of(lateness, lateness.size() + overdue), connected,
                Duration.ofMillis(overdue == 0 ? 0 : overdueBy));
    }
}
