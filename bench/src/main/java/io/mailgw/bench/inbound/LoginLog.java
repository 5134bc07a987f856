package io.mailgw.bench.inbound;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The IMAP sessions in Dovecot's log, per user: when each login happened (the start of a poll)
 * and how many sessions ended. Lines look like
 * {@code 2026-12-02 05:29:05.257613 imap-login: Info: Login: user=<many-00001>, method=PLAIN, ...} and
 * {@code 2026-12-02 05:29:05.264300 imap(many-00001)<23375><k2bf659h>: Info: Disconnected: Logged out ...};
 * timestamps are the machine's local time, in microseconds ({@code log_timestamp} of the bench's config).
 */
final class LoginLog {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    private static final Pattern LOGIN = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6}) imap-login: Info: Login: user=<([^>]+)>");
    private static final Pattern DISCONNECT = Pattern.compile(
            "^\\S+ \\S+ imap(?:-hibernate)?\\(([^)]+)\\)\\S*: Info: Disconnected");

    private final Map<String, List<Long>> logins = new HashMap<>();
    private final Map<String, Integer> disconnects = new HashMap<>();

    static LoginLog parse(Stream<String> lines, ZoneId zone) {
        LoginLog log = new LoginLog();
        lines.forEach(line -> log.take(line, zone));
        return log;
    }

    private void take(String line, ZoneId zone) {
        Matcher login = LOGIN.matcher(line);
        if (login.find()) {
            long at = LocalDateTime.parse(login.group(1), TIMESTAMP).atZone(zone).toInstant().toEpochMilli();
            logins.computeIfAbsent(login.group(2), user -> new ArrayList<>()).add(at);
            return;
        }
        Matcher disconnect = DISCONNECT.matcher(line);
        if (disconnect.find()) {
            disconnects.merge(disconnect.group(1), 1, Integer::sum);
        }
    }

    /** When {@code user} logged in, epoch ms, oldest first; empty when never. */
    List<Long> loginsOf(String user) {
        return logins.getOrDefault(user, List.of()).stream().sorted().toList();
    }

    /** Whether {@code user} still has a session open at the end of the log: a connection kept, as IDLE keeps it. */
    boolean connected(String user) {
        return logins.getOrDefault(user, List.of()).size() > disconnects.getOrDefault(user, 0);
    }
}
