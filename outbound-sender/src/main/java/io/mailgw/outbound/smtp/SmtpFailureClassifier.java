package io.mailgw.outbound.smtp;

import java.security.GeneralSecurityException;
import java.util.Optional;

import io.mailgw.model.connect.ConnectionFailure;
import io.mailgw.model.status.MailboxState;
import io.mailgw.outbound.delivery.ErrorCode;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

import org.springframework.stereotype.Component;

/**
 * The one place that decides whether an SMTP failure is worth retrying: 4xx replies (421, 450,
 * 451, 452), timeouts, refused and reset connections and unreachable servers are; 5xx replies, TLS
 * failures and servers the connect guard refuses are not; a rejected login (535) is the outbox's,
 * so its mail waits for an admin. In-place retries, the delay topics, the dead-letter topic and the
 * outbox's circuit breaker all follow this decision.
 */
@Component
public class SmtpFailureClassifier {

    private static final ErrorCode UNREACHABLE = ErrorCode.SMTP_UNREACHABLE;
    private static final ErrorCode TIMEOUT = ErrorCode.SMTP_TIMEOUT;
    private static final ErrorCode CONNECTION_LOST = ErrorCode.SMTP_CONNECTION_LOST;
    private static final ErrorCode TEMPORARY = ErrorCode.SMTP_TEMPORARY_FAILURE;
    private static final ErrorCode REJECTED = ErrorCode.SMTP_REJECTED;
    private static final ErrorCode AUTH_FAILED = ErrorCode.SMTP_AUTH_FAILED;
    private static final ErrorCode TLS_FAILED = ErrorCode.SMTP_TLS_FAILED;
    private static final ErrorCode UNKNOWN = ErrorCode.SMTP_ERROR;
    /** The connect guard refused the outbox's server: a mail port and a public address are needed, or an allow-list entry. */
    private static final ErrorCode NOT_ALLOWED = ErrorCode.CONNECT_NOT_ALLOWED;

    /**
     * @param lastReturnCode the transport's last SMTP reply code, used when the exception carries none
     */
    public SmtpFailure classify(MessagingException ex, int lastReturnCode) {
        if (ex instanceof AuthenticationFailedException) {
            return new SmtpFailure(AUTH_FAILED, false, MailboxState.AUTH_FAILED,
                    "login rejected by the server" + detail(ex.getMessage()));
        }
        SmtpFailure byReply = byReplyCode(ex);
        if (byReply != null) {
            return byReply;
        }
        SmtpFailure byCause = byCause(ex);
        if (byCause != null) {
            return byCause;
        }
        if (lastReturnCode >= 400 && lastReturnCode < 600) {
            return byCode(lastReturnCode, "server answered " + oneLine(ex.getMessage()), MailboxState.DEGRADED);
        }
        return new SmtpFailure(UNKNOWN, true, MailboxState.DEGRADED, "SMTP error: " + oneLine(ex.getMessage()));
    }

    private static SmtpFailure byReplyCode(MessagingException ex) {
        for (Exception next = ex; next != null; next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException address) {
                return byCode(address.getReturnCode(), "recipient " + address.getAddress() + " refused: "
                        + oneLine(address.getMessage()), null);
            }
            if (next instanceof SMTPSenderFailedException sender) {
                return byCode(sender.getReturnCode(), "sender " + sender.getAddress() + " refused: "
                        + oneLine(sender.getMessage()), MailboxState.DEGRADED);
            }
            if (next instanceof SMTPSendFailedException send) {
                return byCode(send.getReturnCode(), "message refused: " + oneLine(send.getMessage()),
                        MailboxState.DEGRADED);
            }
            if (!(next instanceof SendFailedException) && next != ex) {
                return null;
            }
        }
        return null;
    }

    private static SmtpFailure byCode(int code, String reason, MailboxState state) {
        if (code < 200) {
            return new SmtpFailure(CONNECTION_LOST, true, MailboxState.DEGRADED,
                    "the server closed the connection without a reply");
        }
        boolean transientReply = code >= 400 && code < 500;
        return new SmtpFailure(transientReply ? TEMPORARY : REJECTED, transientReply, state, reason);
    }

    private static SmtpFailure byCause(MessagingException ex) {
        if (ConnectionFailure.isStartTlsRequired(ex)) {
            return new SmtpFailure(TLS_FAILED, false, MailboxState.TLS_FAILED,
                    "the server does not offer STARTTLS, which this outbox requires");
        }
        for (Throwable cause = ex; cause != null; cause = next(cause)) {
            SmtpFailure failure = byNetworkCause(cause);
            if (failure != null) {
                return failure;
            }
        }
        return null;
    }

    private static SmtpFailure byNetworkCause(Throwable cause) {
        Optional<ConnectionFailure.Kind> kind = ConnectionFailure.kindOf(cause);
        if (kind.isEmpty()) {
            return cause instanceof GeneralSecurityException ? tlsFailed(cause) : null;
        }
        return switch (kind.get()) {
            case NOT_ALLOWED -> new SmtpFailure(NOT_ALLOWED, false, MailboxState.UNREACHABLE, cause.getMessage());
            case CERTIFICATE_NAME_MISMATCH, CERTIFICATE_UNTRUSTED, TLS_HANDSHAKE -> tlsFailed(cause);
            case REFUSED -> unreachable("connection refused");
            case UNKNOWN_HOST -> unreachable("unknown host " + cause.getMessage());
            case NO_ROUTE -> unreachable("no route to host");
            case TIMEOUT -> new SmtpFailure(TIMEOUT, true, MailboxState.UNREACHABLE,
                    "the server did not answer in time (" + oneLine(cause.getMessage()) + ")");
            case IO -> new SmtpFailure(CONNECTION_LOST, true, MailboxState.DEGRADED,
                    "connection lost: " + oneLine(cause.getMessage()));
            case AUTH_REJECTED -> null;
        };
    }

    private static SmtpFailure tlsFailed(Throwable cause) {
        return new SmtpFailure(TLS_FAILED, false, MailboxState.TLS_FAILED, "TLS failed: " + oneLine(cause.getMessage()));
    }

    private static SmtpFailure unreachable(String reason) {
        return new SmtpFailure(UNREACHABLE, true, MailboxState.UNREACHABLE, reason);
    }

    private static Throwable next(Throwable cause) {
        if (cause instanceof MessagingException messaging && messaging.getNextException() != null) {
            return messaging.getNextException();
        }
        return cause.getCause() == cause ? null : cause.getCause();
    }

    private static String detail(String message) {
        return message == null || message.isBlank() ? "" : " (" + oneLine(message) + ")";
    }

    /** Server replies span lines; an operator's message is one line of at most 300 characters. */
    static String oneLine(String message) {
        if (message == null) {
            return "no detail";
        }
        String flat = message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
