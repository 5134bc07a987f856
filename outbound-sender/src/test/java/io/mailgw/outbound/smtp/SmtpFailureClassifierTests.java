package io.mailgw.outbound.smtp;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

import io.mailgw.model.connect.ConnectionNotAllowedException;
import io.mailgw.model.status.MailboxState;
import io.mailgw.outbound.delivery.ErrorCode;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpFailureClassifierTests {

    private static final int NO_REPLY = -1;

    private final SmtpFailureClassifier classifier = new SmtpFailureClassifier();

    @Test
    void retriesRefusedConnection() {
        SmtpFailure failure = classifier.classify(
                new MessagingException("Couldn't connect to host, port: smtp.example, 25", new ConnectException("Connection refused")),
                NO_REPLY);

        assertThat(failure).isEqualTo(new SmtpFailure(ErrorCode.SMTP_UNREACHABLE, true, MailboxState.UNREACHABLE, "connection refused"));
    }

    @Test
    void failsAtOnceWhenTheConnectGuardRefusesTheServerSayingWhy() {
        String refusal = "smtp.x.example resolves to 192.168.1.5, a private address; refused. "
                + "Allow it with MAILGW_CONNECT_ALLOW=192.168.0.0/16";

        SmtpFailure failure = classifier.classify(new MessagingException("Connecting to smtp://smtp.x.example:25 is "
                + "not possible", new ConnectionNotAllowedException(refusal)), NO_REPLY);

        assertThat(failure).isEqualTo(new SmtpFailure(ErrorCode.CONNECT_NOT_ALLOWED, false, MailboxState.UNREACHABLE, refusal));
    }

    @Test
    void retriesUnknownHostAndTimeouts() {
        assertThat(classifier.classify(new MessagingException("x", new UnknownHostException("smtp.nowhere.example")), NO_REPLY))
                .satisfies(failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.SMTP_UNREACHABLE);
                    assertThat(failure.reason()).isEqualTo("unknown host smtp.nowhere.example");
                });
        assertThat(classifier.classify(new MessagingException("x", new SocketTimeoutException("Read timed out")), NO_REPLY))
                .satisfies(failure -> {
                    assertThat(failure.code()).isEqualTo(ErrorCode.SMTP_TIMEOUT);
                    assertThat(failure.retryable()).isTrue();
                });
    }

    @Test
    void retriesTemporaryRecipientRefusal() throws Exception {
        SendFailedException ex = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(new InternetAddress("ana@cliente.example"), "RCPT TO", 450,
                        "450 4.2.1 Mailbox busy, try later\r\n"));

        SmtpFailure failure = classifier.classify(ex, 450);

        assertThat(failure.code()).isEqualTo(ErrorCode.SMTP_TEMPORARY_FAILURE);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.reason()).isEqualTo("recipient ana@cliente.example refused: 450 4.2.1 Mailbox busy, try later");
    }

    @Test
    void failsPermanentRecipientRefusalWithoutBlamingTheOutbox() throws Exception {
        SendFailedException ex = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(new InternetAddress("nadie@cliente.example"), "RCPT TO", 550,
                        "550 5.1.1 User unknown"));

        SmtpFailure failure = classifier.classify(ex, 550);

        assertThat(failure.code()).isEqualTo(ErrorCode.SMTP_REJECTED);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.outboxState()).isNull();
    }

    @Test
    void classifiesMessageRefusalByReplyCode() {
        SMTPSendFailedException permanent = new SMTPSendFailedException("DATA", 554, "554 5.7.1 Spam detected", null,
                null, null, null);
        SMTPSendFailedException temporary = new SMTPSendFailedException("DATA", 421, "421 4.3.0 Try again later", null,
                null, null, null);

        assertThat(classifier.classify(permanent, 554).retryable()).isFalse();
        assertThat(classifier.classify(temporary, 421).retryable()).isTrue();
        assertThat(classifier.classify(permanent, 554).reason()).isEqualTo("message refused: 554 5.7.1 Spam detected");
    }

    @Test
    void failsRejectedLoginAtOnce() {
        SmtpFailure failure = classifier.classify(new AuthenticationFailedException("535 5.7.8 Authentication failed"), 535);

        assertThat(failure.code()).isEqualTo(ErrorCode.SMTP_AUTH_FAILED);
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.outboxState()).isEqualTo(MailboxState.AUTH_FAILED);
    }

    @Test
    void failsTlsProblemsAtOnce() {
        SmtpFailure handshake = classifier.classify(new MessagingException("Could not convert socket to TLS",
                new SSLHandshakeException("PKIX path building failed")), NO_REPLY);
        SmtpFailure noStartTls = classifier.classify(
                new MessagingException("STARTTLS is required but host does not support STARTTLS"), NO_REPLY);

        assertThat(handshake).isEqualTo(new SmtpFailure(ErrorCode.SMTP_TLS_FAILED, false, MailboxState.TLS_FAILED,
                "TLS failed: PKIX path building failed"));
        assertThat(noStartTls.code()).isEqualTo(ErrorCode.SMTP_TLS_FAILED);
        assertThat(noStartTls.retryable()).isFalse();
    }

    @Test
    void usesTheLastReplyCodeWhenTheExceptionCarriesNone() {
        MessagingException greeting = new MessagingException("Got bad greeting from SMTP host: x, response: 554 No service");

        assertThat(classifier.classify(greeting, 554).retryable()).isFalse();
        assertThat(classifier.classify(greeting, 421).retryable()).isTrue();
    }

    @Test
    void retriesWhatItCannotRecognise() {
        SmtpFailure failure = classifier.classify(new MessagingException("Something odd\r\nhappened"), NO_REPLY);

        assertThat(failure).isEqualTo(new SmtpFailure(ErrorCode.SMTP_ERROR, true, MailboxState.DEGRADED,
                "SMTP error: Something odd happened"));
    }

    @Test
    void aConnectionClosedInsteadOfAReplyIsALostConnectionWorthRetrying() {
        SmtpFailure failure = classifier.classify(new SMTPSendFailedException(".", -1, null, null, null, null, null),
                NO_REPLY);

        assertThat(failure.code()).isEqualTo(ErrorCode.SMTP_CONNECTION_LOST);
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.reason()).isEqualTo("the server closed the connection without a reply");
    }
}
