package io.mailgw.outbound.smtp;

import java.util.Properties;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.mailgw.events.SendMailRequested;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.secret.LoginSecrets;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Sends one message through one outbox, with a few quick in-place retries of transient failures
 * (resilience4j retry {@value #RETRY_NAME}), and records the outbox's health. Each attempt
 * connects where the connect guard allows, to the address it checked. The login secret is
 * read only here, for the login, and never leaves this class.
 */
@Component
public class SmtpMailSender {

    static final String RETRY_NAME = "smtp";

    private static final Logger log = LoggerFactory.getLogger(SmtpMailSender.class);
    /** Messages are written in a session of their own; each send connects with the outbox's. */
    private static final Session MESSAGE_SESSION = Session.getInstance(new Properties());

    private final SmtpSessions sessions;
    private final SmtpMessageFactory messages;
    private final SmtpFailureClassifier classifier;
    private final LoginSecrets logins;
    private final MailboxStatusRecorder outboxHealth;
    private final MeterRegistry meters;
    private final Retry retry;

    SmtpMailSender(SmtpSessions sessions, SmtpMessageFactory messages, SmtpFailureClassifier classifier,
                   LoginSecrets logins, MailboxStatusRecorder outboxHealth, MeterRegistry meters,
                   RetryRegistry retries) {
        this.sessions = sessions;
        this.messages = messages;
        this.classifier = classifier;
        this.logins = logins;
        this.outboxHealth = outboxHealth;
        this.meters = meters;
        this.retry = retries.retry(RETRY_NAME);
    }

    public SendOutcome send(SendMailRequested request, Mailbox outbox, String messageId) {
        MimeMessage message;
        try {
            message = messages.build(MESSAGE_SESSION, request, outbox, messageId);
        }
        catch (InvalidMessageException ex) {
            return new SendOutcome.Invalid(ex.field(), ex.getMessage());
        }
        Timer.Sample sample = Timer.start(meters);
        SendOutcome outcome = sendWithRetries(message, outbox);
        sample.stop(Timer.builder("mailgw.outbound.smtp.send")
                .description("Time to hand one message to an SMTP server, in-place retries included")
                .tag("outcome", outcome instanceof SendOutcome.Sent ? "sent" : "failed")
                .register(meters));
        recordHealth(outbox, outcome);
        return outcome;
    }

    private SendOutcome sendWithRetries(MimeMessage message, Mailbox outbox) {
        try {
            return new SendOutcome.Sent(retry.executeCallable(() -> transmit(message, outbox)));
        }
        catch (SmtpFailureException ex) {
            return new SendOutcome.Failed(ex.failure());
        }
        catch (Exception ex) {
            throw new IllegalStateException("Sending through " + outbox.describe() + " failed unexpectedly", ex);
        }
    }

    /** One attempt: the guard checks the server again, then connect, log in and send. */
    private String transmit(MimeMessage message, Mailbox outbox) throws SmtpFailureException {
        String password = passwordOf(outbox);
        SMTPTransport transport = null;
        try {
            SmtpSessions.SmtpTarget target = sessions.targetFor(outbox);
            transport = target.transport();
            transport.connect(target.address(), target.port(),
                    outbox.needsCredentials() ? outbox.username() : null, password);
            transport.sendMessage(message, message.getAllRecipients());
            String reply = transport.getLastServerResponse();
            return reply == null ? "" : reply.trim();
        }
        catch (MessagingException ex) {
            SmtpFailure failure = classifier.classify(ex, transport == null ? -1 : transport.getLastReturnCode());
            log.debug("Attempt to send through {} failed ({})", outbox.describe(), failure.reason());
            throw failure.retryable() ? new TransientSmtpException(failure, ex) : new PermanentSmtpException(failure, ex);
        }
        finally {
            if (transport != null) {
                close(transport, outbox);
            }
        }
    }

    private String passwordOf(Mailbox outbox) throws SmtpFailureException {
        if (!outbox.needsCredentials()) {
            return null;
        }
        try {
            return logins.secretFor(outbox);
        }
        catch (AuthenticationFailedException ex) {
            throw new PermanentSmtpException(new SmtpFailure(SmtpFailureClassifier.AUTH_FAILED, false,
                    MailboxState.AUTH_FAILED, ex.getMessage()), ex);
        }
        catch (MessagingException ex) {
            // no OAuth2 access token now: the token endpoint is down (retryable) or the guard refuses it;
            // classified like a connection failure, in the words that name the token endpoint
            SmtpFailure kind = classifier.classify(ex, -1);
            SmtpFailure failure = new SmtpFailure(kind.code(), kind.retryable(), kind.outboxState(), ex.getMessage());
            throw failure.retryable() ? new TransientSmtpException(failure, ex) : new PermanentSmtpException(failure, ex);
        }
    }

    private static void close(SMTPTransport transport, Mailbox outbox) {
        try {
            transport.close();
        }
        catch (MessagingException ex) {
            log.debug("Closing the connection to {} failed ({}); the outcome of the send stands",
                    outbox.describe(), ex.getMessage());
        }
    }

    private void recordHealth(Mailbox outbox, SendOutcome outcome) {
        if (outcome instanceof SendOutcome.Sent) {
            outboxHealth.success(outbox.id(), 1);
        }
        else if (outcome instanceof SendOutcome.Failed failed && failed.failure().outboxState() != null) {
            outboxHealth.failure(outbox.id(), failed.failure().outboxState(),
                    "Sending through " + outbox.describe() + " failed (" + failed.failure().reason() + ")");
        }
    }
}
