package io.mailgw.bench.inbound;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginLogTests {

    private static final String LOG = """
            2026-12-02 05:29:03.323325 master: Info: Dovecot v2.3.19.1 (9b53102964) starting up for imap, pop3, lmtp
            2026-12-02 05:29:05.257613 imap-login: Info: Login: user=<many-00001>, method=PLAIN, rip=127.0.0.1, lip=127.0.0.1, mpid=23375, secured, session=<k2bf659haN9/AAAB>
            2026-12-02 05:29:05.264300 imap(many-00001)<23375><k2bf659haN9/AAAB>: Info: Disconnected: Logged out in=32 out=819
            2026-12-02 05:30:05.500000 imap-login: Info: Login: user=<many-00001>, method=PLAIN, rip=127.0.0.1, lip=127.0.0.1, mpid=23380, secured, session=<abc>
            2026-12-02 05:30:05.510000 imap(many-00001)<23380><abc>: Info: Disconnected: Logged out in=32 out=819
            2026-12-02 05:29:06.000001 imap-login: Info: Login: user=<many-00002>, method=PLAIN, rip=127.0.0.1, lip=127.0.0.1, mpid=23390, secured, session=<def>
            2026-12-02 05:29:05.241776 lmtp(u2)<23374><iB2mDaGsD2tOWwAAg+zDdQ>: Info: msgid=<1@x>: saved mail to INBOX
            """;

    @Test
    void readsEachUsersLoginsInMilliseconds() {
        LoginLog log = LoginLog.parse(LOG.lines(), ZoneOffset.UTC);

        assertThat(log.loginsOf("many-00001")).containsExactly(
                epochMillis("2026-12-02T05:29:05.257"), epochMillis("2026-12-02T05:30:05.500"));
        assertThat(log.loginsOf("many-00002")).containsExactly(epochMillis("2026-12-02T05:29:06.000"));
        assertThat(log.loginsOf("many-00003")).isEmpty();
    }

    @Test
    void aSessionWithoutItsDisconnectIsStillOpen() {
        LoginLog log = LoginLog.parse(LOG.lines(), ZoneOffset.UTC);

        assertThat(log.connected("many-00001")).isFalse();
        assertThat(log.connected("many-00002")).isTrue();
    }

    @Test
    void countsAHibernatedSessionsDisconnect() {
        LoginLog log = LoginLog.parse(Stream.of(
                "2026-12-02 05:29:06.000001 imap-login: Info: Login: user=<idle-1>, method=PLAIN, session=<a>",
                "2026-12-02 05:39:06.000001 imap-hibernate(idle-1)<23390><a>: Info: Disconnected: Logged out"),
                ZoneOffset.UTC);

        assertThat(log.connected("idle-1")).isFalse();
    }

    static long epochMillis(String localDateTime) {
        return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
