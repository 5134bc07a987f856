package io.mailgw.config.connection;

import java.time.Duration;
import java.util.List;

import io.mailgw.model.connect.MailEndpoint;
import io.mailgw.model.connect.MailSessionBuilder;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import jakarta.mail.MessagingException;

/** Connects to the server of one type of mailbox, logs in and looks around; one implementation per direction. */
interface ConnectionProbe {

    /** Connect, read and write timeouts of every test connection. */
    Duration TIMEOUT = Duration.ofSeconds(10);

    MailboxType type();

    /** The steps of a test of {@code mailbox}, in the order the protocol takes them. */
    List<Step> steps(Mailbox mailbox);

    /**
     * @param password the plain password to log in with, or {@code null} when the mailbox logs in without
     * @param endpoint the server as the connect guard checked it
     * @throws MessagingException what failed, for {@link ConnectionFailures} to name
     */
    ProbeReport probe(Mailbox mailbox, String password, MailEndpoint endpoint) throws MessagingException;

    /** The mailbox's session as the poller or the sender would build it, with the test's timeouts. */
    static MailSessionBuilder session(Mailbox mailbox, MailEndpoint endpoint) {
        return MailSessionBuilder.forMailbox(mailbox, endpoint).timeouts(TIMEOUT, TIMEOUT, TIMEOUT);
    }

    /** The steps of {@code steps} that a test ending with {@code code} passed. */
    static List<Step> passed(List<Step> steps, ConnectionTestCode code) {
        return steps.stream().takeWhile(step -> !step.stopsAt(code)).toList();
    }

    /** One step of a test; a failure's code tells which step it stopped at. */
    enum Step {
        CONNECT, TLS, EHLO, STARTTLS, LOGIN, AUTH, FOLDER;

        /** Whether a failure with {@code code} means this step was not passed. */
        boolean stopsAt(ConnectionTestCode code) {
            return switch (code) {
                case TLS_FAILED -> this == TLS || this == STARTTLS;
                case AUTH_FAILED -> this == LOGIN || this == AUTH;
                case FOLDER_MISSING -> this == FOLDER;
                case REFUSED, UNREACHABLE -> this == CONNECT;
                case SERVER_ERROR -> this != CONNECT;
                case OK -> false;
            };
        }
    }
}
