package io.mailgw.config.connection;

import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.List;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.mailgw.config.connection.ConnectionFailures.Failure;
import io.mailgw.config.connection.ConnectionProbe.Step;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionFailuresTests {

    private static final Mailbox IMAPS = Mailbox.builder().id("mbx").name("Soporte")
            .type(MailboxType.INBOUND).host("imap.xpto.example").port(993).username("soporte@xpto.example")
            .protocol(InboundProtocol.IMAPS).folder("INBOX").pollIntervalSeconds(60).build();

    @Test
    void certificateForAnotherNameSaysWhichNameWasExpected() {
        SSLHandshakeException handshake = new SSLHandshakeException("No subject alternative DNS name matching "
                + "imap.xpto.example found.");
        handshake.initCause(new CertificateException("No subject alternative DNS name matching imap.xpto.example found."));

        Failure failure = ConnectionFailures.classify(new MessagingException("connect failed", handshake), IMAPS);

        assertThat(failure.code()).isEqualTo(ConnectionTestCode.TLS_FAILED);
        assertThat(failure.detail()).startsWith("The server's certificate is not for imap.xpto.example (No subject "
                + "alternative DNS name matching imap.xpto.example found)");
    }

    @Test
    void tlsSpokenToAPlainPortAsksWhetherThePortSpeaksTls() {
        Failure failure = ConnectionFailures.classify(new MessagingException("connect failed",
                new SSLException("Unsupported or unrecognized SSL message")), IMAPS);

        assertThat(failure).isEqualTo(new Failure(ConnectionTestCode.TLS_FAILED, "The TLS handshake with "
                + "imap.xpto.example:993 failed (Unsupported or unrecognized SSL message): does this port speak TLS "
                + "as the mailbox's security says?"));
    }

    @Test
    void unknownHostsAndSilentServersAreUnreachable() {
        assertThat(ConnectionFailures.classify(new UnknownHostException("imap.xpto.example"), IMAPS))
                .isEqualTo(new Failure(ConnectionTestCode.UNREACHABLE, "Host imap.xpto.example is unknown: no DNS entry."));
        assertThat(ConnectionFailures.classify(new MessagingException("x", new SocketTimeoutException("Read timed out")),
                IMAPS)).isEqualTo(new Failure(ConnectionTestCode.UNREACHABLE,
                "No answer from imap.xpto.example:993 within 10 s."));
    }

    @Test
    void anyOtherAnswerIsAServerErrorOnOneLine() {
        Failure failure = ConnectionFailures.classify(new MessagingException("A1 BAD\r\n   unknown command"), IMAPS);

        assertThat(failure).isEqualTo(new Failure(ConnectionTestCode.SERVER_ERROR,
                "The server at imap.xpto.example:993 answered unexpectedly: A1 BAD unknown command."));
    }

    @Test
    void aFailureCodeTellsWhichStepsPassed() {
        List<Step> smtp = List.of(Step.CONNECT, Step.EHLO, Step.STARTTLS, Step.AUTH);

        assertThat(ConnectionProbe.passed(smtp, ConnectionTestCode.UNREACHABLE)).isEmpty();
        assertThat(ConnectionProbe.passed(smtp, ConnectionTestCode.TLS_FAILED)).containsExactly(Step.CONNECT, Step.EHLO);
        assertThat(ConnectionProbe.passed(smtp, ConnectionTestCode.AUTH_FAILED)).containsExactly(Step.CONNECT, Step.EHLO, Step.STARTTLS);
        assertThat(ConnectionProbe.passed(smtp, ConnectionTestCode.SERVER_ERROR)).containsExactly(Step.CONNECT);
        assertThat(ConnectionProbe.passed(smtp, ConnectionTestCode.OK)).isEqualTo(smtp);
    }
}
