package io.mailgw.outbound.smtp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.secret.LoginSecrets;
import io.mailgw.model.status.MailboxState;
import io.mailgw.outbound.OutboundProperties;
import io.mailgw.outbound.delivery.ErrorCode;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Hands one message to an outbox's server over one of its pooled connections, within the attempt's
 * deadline, with partial sending on: recipients the server accepts are served and reported, those
 * it refuses are reported with their reply, and a 452 (too many recipients) sends the rest in
 * further transactions on the same connection. A reused connection that turns out closed by the
 * server is replaced once, at no cost to the attempt. The login secret is read only here, for the
 * login, and never leaves this class.
 */
@Component
public class SmtpSender {

    private static final Logger log = LoggerFactory.getLogger(SmtpSender.class);
    /** Transactions one attempt may take when the server accepts recipients in 452-sized portions. */
    private static final int MAX_TRANSACTIONS = 20;
    private static final int TOO_MANY_RECIPIENTS = 452;
    /** 421: the server closes the connection. */
    private static final int SERVICE_CLOSING = 421;

    private final SmtpFailureClassifier classifier;
    private final LoginSecrets logins;
    private final SmtpDeadlines deadlines;
    private final Duration deadline;

    SmtpSender(SmtpFailureClassifier classifier, LoginSecrets logins, SmtpDeadlines deadlines,
               OutboundProperties properties) {
        this.classifier = classifier;
        this.logins = logins;
        this.deadlines = deadlines;
        this.deadline = properties.smtp().deadline();
    }

    /** @param recipients the envelope recipients still to serve */
    SendReport send(OutboxConnections connections, MimeMessage message, List<InternetAddress> recipients) {
        return sendOnce(connections, message, recipients, true);
    }

    private SendReport sendOnce(OutboxConnections connections, MimeMessage message, List<InternetAddress> recipients,
                                boolean mayReplace) {
        SmtpConnection connection;
        try {
            connection = connections.borrow();
        }
        catch (MessagingException ex) {
            return SendReport.failed(classifier.classify(ex, -1), List.of(), List.of());
        }
        boolean reused = connection.isOpen();
        ScheduledFuture<?> watch = deadlines.watch(connection, deadline);
        Transactions transactions = new Transactions(recipients);
        try {
            prepare(connection, connections.outbox());
            transactions.run(connection, message);
            watch.cancel(false);
            connections.giveBack(connection);
            return transactions.report(null);
        }
        catch (MessagingException ex) {
            watch.cancel(false);
            int lastReply = connection.transport() == null ? -1 : connection.transport().getLastReturnCode();
            SmtpFailure failure = ex instanceof NoLoginSecret missing ? missing.failure
                    : connection.aborted() ? overDeadline() : classifier.classify(ex, lastReply);
            if (stillUsable(connection, failure, lastReply)) {
                connection.ended(false);
                connections.giveBack(connection);
            }
            else {
                connections.discard(connection);
            }
            boolean closedMeanwhile = failure.code() == ErrorCode.SMTP_CONNECTION_LOST || lastReply == SERVICE_CLOSING;
            if (reused && mayReplace && transactions.untouched() && closedMeanwhile) {
                log.debug("A pooled connection to {} was closed by the server ({}); using a new one",
                        connections.outbox().describe(), failure.reason());
                return sendOnce(connections, message, recipients, false);
            }
            return transactions.report(failure);
        }
    }

    private void prepare(SmtpConnection connection, Mailbox outbox) throws MessagingException {
        if (!connection.isOpen()) {
            boolean login = outbox.needsCredentials();
            connection.open(login ? outbox.username() : null, login ? secretOf(outbox) : null);
        }
        else if (connection.needsReset()) {
            connection.reset();
        }
    }

    /**
     * The password, or an OAuth2 access token. Without one the attempt fails before it talks to the
     * server: a rejected sign-in is the outbox's login failure; a token endpoint that is down, or
     * that the connect guard refuses, is classified like a connection failure, in words that name it.
     */
    private String secretOf(Mailbox outbox) throws NoLoginSecret {
        try {
            return logins.secretFor(outbox);
        }
        catch (AuthenticationFailedException ex) {
            throw new NoLoginSecret(new SmtpFailure(ErrorCode.SMTP_AUTH_FAILED, false, MailboxState.AUTH_FAILED,
                    SmtpFailureClassifier.oneLine(ex.getMessage())), ex);
        }
        catch (MessagingException ex) {
            SmtpFailure kind = classifier.classify(ex, -1);
            throw new NoLoginSecret(new SmtpFailure(kind.code(), kind.retryable(), kind.outboxState(),
                    SmtpFailureClassifier.oneLine(ex.getMessage())), ex);
        }
    }

    /** A refusal in words (4xx but 421, or 5xx) leaves the connection usable after RSET; anything else may not. */
    private static boolean stillUsable(SmtpConnection connection, SmtpFailure failure, int lastReply) {
        boolean worded = failure.code() == ErrorCode.SMTP_TEMPORARY_FAILURE || failure.code() == ErrorCode.SMTP_REJECTED;
        return connection.isOpen() && worded && lastReply != SERVICE_CLOSING;
    }

    private SmtpFailure overDeadline() {
        return new SmtpFailure(ErrorCode.SMTP_TIMEOUT, true, MailboxState.UNREACHABLE,
                "the attempt did not finish within its deadline of " + deadline.toSeconds() + " s");
    }

    /** No login secret could be had for the attempt; the failure says why. */
    private static final class NoLoginSecret extends MessagingException {

        private final transient SmtpFailure failure;

        NoLoginSecret(SmtpFailure failure, Exception cause) {
            super(failure.reason(), cause);
            this.failure = failure;
        }
    }

    /** The transactions of one attempt, and what each recipient came to. */
    private static final class Transactions {

        private List<InternetAddress> open;
        private final List<String> accepted = new ArrayList<>();
        private final List<SendReport.Refusal> refused = new ArrayList<>();
        private String reply;
        private boolean started;

        Transactions(List<InternetAddress> recipients) {
            this.open = List.copyOf(recipients);
        }

        void run(SmtpConnection connection, MimeMessage message) throws MessagingException {
            for (int i = 0; i < MAX_TRANSACTIONS && !open.isEmpty(); i++) {
                started = true;
                try {
                    connection.transport().sendMessage(message, open.toArray(Address[]::new));
                    open.forEach(address -> accepted.add(address.getAddress()));
                    open = List.of();
                    reply = connection.transport().getLastServerResponse();
                    connection.ended(true);
                }
                catch (SendFailedException ex) {
                    boolean served = partly(ex);
                    connection.ended(served);
                    if (!served || !retriesRest()) {
                        return;
                    }
                    reply = connection.transport().getLastServerResponse();
                }
            }
        }

        /**
         * Sorts a refusal by recipient: a message accepted for some ({@code SMTPSendFailedException}
         * after the data, with recipients sent to), or refused at RCPT for all (a plain
         * {@code SendFailedException}). A refusal of the message itself (MAIL, DATA) is thrown on.
         *
         * @return whether the message reached anyone
         */
        private boolean partly(SendFailedException ex) throws MessagingException {
            boolean served = ex instanceof SMTPSendFailedException && !addresses(ex.getValidSentAddresses()).isEmpty();
            boolean wholeMessage = !served && ex.getClass() != SendFailedException.class;
            List<SMTPAddressFailedException> byRecipient = recipientRefusals(ex);
            if (wholeMessage || byRecipient.isEmpty()) {
                throw ex;
            }
            if (served) {
                accepted.addAll(addresses(ex.getValidSentAddresses()));
            }
            List<InternetAddress> tooMany = new ArrayList<>();
            for (SMTPAddressFailedException refusal : byRecipient) {
                if (refusal.getReturnCode() == TOO_MANY_RECIPIENTS && served) {
                    tooMany.add(refusal.getAddress());
                }
                else {
                    refused.add(new SendReport.Refusal(refusal.getAddress().getAddress(), refusal.getReturnCode(),
                            SmtpFailureClassifier.oneLine(refusal.getMessage())));
                }
            }
            open = tooMany;
            return served;
        }

        private boolean retriesRest() {
            return !open.isEmpty();
        }

        /** Nothing was sent and no recipient was refused: the connection failed before the first transaction. */
        boolean untouched() {
            return accepted.isEmpty() && refused.isEmpty();
        }

        SendReport report(SmtpFailure failure) {
            for (InternetAddress unserved : open) {
                refused.add(new SendReport.Refusal(unserved.getAddress(), TOO_MANY_RECIPIENTS,
                        "452 too many recipients; not tried again within this attempt"));
            }
            return new SendReport(failure == null ? trim(reply) : null, accepted, refused, failure);
        }

        private static List<SMTPAddressFailedException> recipientRefusals(MessagingException ex) {
            List<SMTPAddressFailedException> refusals = new ArrayList<>();
            for (Exception next = ex.getNextException(); next != null;
                    next = next instanceof MessagingException m ? m.getNextException() : null) {
                if (next instanceof SMTPAddressFailedException address) {
                    refusals.add(address);
                }
            }
            return refusals;
        }

        private static List<String> addresses(Address[] addresses) {
            List<String> out = new ArrayList<>();
            if (addresses != null) {
                for (Address address : addresses) {
                    out.add(((InternetAddress) address).getAddress());
                }
            }
            return out;
        }

        private static String trim(String reply) {
            return reply == null ? "" : reply.trim();
        }
    }
}
