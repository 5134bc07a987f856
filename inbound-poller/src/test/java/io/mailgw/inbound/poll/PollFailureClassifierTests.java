package io.mailgw.inbound.poll;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLHandshakeException;

import io.mailgw.model.connect.ConnectionNotAllowedException;
import io.mailgw.model.status.MailboxState;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PollFailureClassifierTests {

    @Test
    void serverTheGuardRefusesIsUnreachableInTheGuardsWords() {
        String refusal = "imap.x.example resolves to 10.0.0.5, a private address; refused. "
                + "Allow it with MAILGW_CONNECT_ALLOW=10.0.0.0/8";

        PollFailure failure = PollFailureClassifier.classify(new MessagingException("Connecting failed",
                new ConnectionNotAllowedException(refusal)));

        assertThat(failure).isEqualTo(new PollFailure(MailboxState.UNREACHABLE, refusal));
    }

    @Test
    void rejectedLoginIsAuthFailed() {
        PollFailure failure = PollFailureClassifier.classify(
                new AuthenticationFailedException("NO LOGIN failed for soporte with password s3cret"));

        assertThat(failure).isEqualTo(new PollFailure(MailboxState.AUTH_FAILED, "authentication rejected"));
    }

    @Test
    void pop3ServerWithoutTheStlsTheMailboxRequiresIsTlsFailedNotAuthFailed() {
        PollFailure failure = PollFailureClassifier.classify(
                new AuthenticationFailedException("STLS required but not supported"));

        assertThat(failure).isEqualTo(new PollFailure(MailboxState.TLS_FAILED, PollFailureClassifier.NO_STARTTLS));
    }

    @Test
    void imapServerWithoutTheStartTlsTheMailboxRequiresIsTlsFailed() {
        PollFailure failure = PollFailureClassifier.classify(
                new MessagingException("STARTTLS required but not supported by server"));

        assertThat(failure.state()).isEqualTo(MailboxState.TLS_FAILED);
        assertThat(failure.reason()).contains("requireTls");
    }

    @Test
    void untrustedCertificateIsTlsFailed() {
        SSLHandshakeException handshake = new SSLHandshakeException("PKIX path building failed");
        handshake.initCause(new CertificateException("unable to find valid certification path"));

        PollFailure failure = PollFailureClassifier.classify(new MessagingException("connect failed", handshake));

        assertThat(failure).isEqualTo(new PollFailure(MailboxState.TLS_FAILED, "server certificate not trusted"));
    }

    @Test
    void certificateForAnotherNameIsTlsFailedSayingSo() {
        SSLHandshakeException handshake = new SSLHandshakeException("No subject alternative DNS name matching imap.x found.");
        handshake.initCause(new CertificateException("No subject alternative DNS name matching imap.x found."));

        PollFailure failure = PollFailureClassifier.classify(new MessagingException("connect failed", handshake));

        assertThat(failure).isEqualTo(new PollFailure(MailboxState.TLS_FAILED,
                "server certificate is for another host name than the mailbox's"));
    }

    @Test
    void otherHandshakeFailureIsTlsFailed() {
        PollFailure failure = PollFailureClassifier.classify(
                new MessagingException("connect failed", new SSLHandshakeException("no cipher suites in common")));

        assertThat(failure).isEqualTo(new PollFailure(MailboxState.TLS_FAILED, "TLS handshake failed"));
    }

    @Test
    void refusedUnknownAndSilentHostsAreUnreachable() {
        assertThat(PollFailureClassifier.classify(new MessagingException("x", new ConnectException("refused"))))
                .isEqualTo(new PollFailure(MailboxState.UNREACHABLE, "connection refused"));
        assertThat(PollFailureClassifier.classify(new MessagingException("x", new UnknownHostException("imap.nx"))))
                .isEqualTo(new PollFailure(MailboxState.UNREACHABLE, "unknown host"));
        assertThat(PollFailureClassifier.classify(new MessagingException("x", new SocketTimeoutException("read"))))
                .isEqualTo(new PollFailure(MailboxState.UNREACHABLE, "no answer from the server in time"));
    }

    @Test
    void failedPublishIsDegradedWithItsOwnWords() {
        PollFailure failure = PollFailureClassifier.classify(new MessagePublishException(
                "Kafka did not acknowledge mbx:1:2 on topic mail.inbound.messages within 35 s", null));

        assertThat(failure.state()).isEqualTo(MailboxState.DEGRADED);
        assertThat(failure.reason()).isEqualTo("Kafka did not acknowledge mbx:1:2 on topic mail.inbound.messages within 35 s");
    }

    @Test
    void anythingElseIsDegradedOnOneShortLine() {
        PollFailure failure = PollFailureClassifier.classify(new MessagingException("A3 BAD\r\n  command unknown"));

        assertThat(failure).isEqualTo(new PollFailure(MailboxState.DEGRADED, "A3 BAD command unknown"));
    }
}
