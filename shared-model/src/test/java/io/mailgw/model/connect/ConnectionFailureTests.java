package io.mailgw.model.connect;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import io.mailgw.model.connect.ConnectionFailure.Kind;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One reading of connection failures for the poller, the sender and the connection test. */
class ConnectionFailureTests {

    @Test
    void guardRefusalWinsOverTheIoFailureItIs() {
        ConnectionNotAllowedException refused = new ConnectionNotAllowedException("10.0.0.5 is private; refused");

        assertThat(ConnectionFailure.classify(new MessagingException("connect failed", refused)))
                .contains(new ConnectionFailure(Kind.NOT_ALLOWED, refused));
    }

    @Test
    void rejectedLoginIsAuthRejected() {
        AuthenticationFailedException rejected = new AuthenticationFailedException("bad credentials");

        assertThat(ConnectionFailure.classify(rejected)).contains(new ConnectionFailure(Kind.AUTH_REJECTED, rejected));
    }

    @Test
    void certificateForAnotherNameIsNameMismatchAndReportsThatCertificate() {
        CertificateException mismatch = new CertificateException("No subject alternative DNS name matching x.example found.");
        Throwable chain = new MessagingException("connect", new SSLException("handshake", mismatch));

        assertThat(ConnectionFailure.classify(chain))
                .contains(new ConnectionFailure(Kind.CERTIFICATE_NAME_MISMATCH, mismatch));
    }

    @Test
    void certificateWithoutTrustedSignerIsUntrusted() {
        Throwable chain = new SSLException("handshake",
                new CertPathValidatorException("unable to find valid certification path"));

        assertThat(ConnectionFailure.classify(chain)).map(ConnectionFailure::kind).contains(Kind.CERTIFICATE_UNTRUSTED);
        assertThat(ConnectionFailure.classify(new CertificateException("expired")))
                .map(ConnectionFailure::kind).contains(Kind.CERTIFICATE_UNTRUSTED);
    }

    @Test
    void sslFailureWithoutCertificateIsTlsHandshake() {
        SSLHandshakeException handshake = new SSLHandshakeException("Remote host terminated the handshake");

        assertThat(ConnectionFailure.classify(new MessagingException("connect", handshake)))
                .contains(new ConnectionFailure(Kind.TLS_HANDSHAKE, handshake));
        assertThat(Kind.TLS_HANDSHAKE.isTls()).isTrue();
        assertThat(Kind.REFUSED.isTls()).isFalse();
    }

    @Test
    void networkFailuresAreReadInOrderUnknownHostTimeoutNoRouteRefusedThenIo() {
        assertThat(kind(new UnknownHostException("nowhere.example"))).contains(Kind.UNKNOWN_HOST);
        assertThat(kind(new SocketTimeoutException("Read timed out"))).contains(Kind.TIMEOUT);
        assertThat(kind(new NoRouteToHostException("no route"))).contains(Kind.NO_ROUTE);
        assertThat(kind(new ConnectException("Connection refused"))).contains(Kind.REFUSED);
        assertThat(kind(new IOException("Connection reset"))).contains(Kind.IO);
        assertThat(kind(new ConnectException("refused").initCause(new SocketTimeoutException("late")))).contains(Kind.TIMEOUT);
    }

    @Test
    void failureWithoutConnectionCauseIsEmpty() {
        assertThat(ConnectionFailure.classify(new MessagingException("A1 NO [SERVERBUG] oops"))).isEmpty();
        assertThat(ConnectionFailure.classify(new IllegalStateException("bug"))).isEmpty();
    }

    @Test
    void kindOfLooksAtTheOneExceptionOnly() {
        assertThat(ConnectionFailure.kindOf(new MessagingException("connect", new ConnectException("refused")))).isEmpty();
        assertThat(ConnectionFailure.kindOf(new ConnectException("refused"))).contains(Kind.REFUSED);
    }

    @Test
    void causeChainStopsAtCyclesAndTwelveLevels() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        Throwable deep = new IOException("bottom");
        for (int i = 0; i < 20; i++) {
            deep = new RuntimeException("level " + i, deep);
        }

        assertThat(ConnectionFailure.causeChain(b)).containsExactly(b, a);
        assertThat(ConnectionFailure.causeChain(deep)).hasSize(12);
        assertThat(ConnectionFailure.classify(deep)).isEmpty();
    }

    @Test
    void startTlsRequiredIsJakartaMailsWords() {
        assertThat(ConnectionFailure.isStartTlsRequired(
                new MessagingException("STARTTLS is required but host does not support STARTTLS"))).isTrue();
        assertThat(ConnectionFailure.isStartTlsRequired(new MessagingException(null))).isFalse();
    }

    private static java.util.Optional<Kind> kind(Throwable failure) {
        return ConnectionFailure.classify(new MessagingException("connect", (Exception) failure)).map(ConnectionFailure::kind);
    }

    @Test
    void startTlsMissingIsReadInTheWordsOfEachProtocolAnywhereInTheChain() {
        assertThat(ConnectionFailure.isStartTlsMissing(new MessagingException(
                "STARTTLS required but not supported by server"))).as("IMAP").isTrue();
        assertThat(ConnectionFailure.isStartTlsMissing(new jakarta.mail.AuthenticationFailedException(
                "STLS required but not supported"))).as("POP3").isTrue();
        assertThat(ConnectionFailure.isStartTlsMissing(new MessagingException("Connect failed",
                new java.io.IOException("530 5.7.0 Must issue a STARTTLS command first; STARTTLS is required"))))
                .as("SMTP, as a cause").isTrue();
        assertThat(ConnectionFailure.isStartTlsMissing(new jakarta.mail.AuthenticationFailedException("login failed")))
                .isFalse();
    }
}
