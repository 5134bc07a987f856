package io.mailgw.inbound.poll;

import java.util.List;
import java.util.Optional;

import io.mailgw.model.connect.ConnectionFailure;
import io.mailgw.model.oauth.TokenRefusedException;
import io.mailgw.model.status.MailboxState;
import jakarta.mail.FolderClosedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.StoreClosedException;

import org.springframework.dao.DataAccessException;

import static io.mailgw.model.connect.ConnectionFailure.first;

/**
 * The one place that turns a failed poll into a mailbox state and plain words: a server the
 * connect guard refuses {@code UNREACHABLE} with the guard's own words (how to allow it
 * included), a server without the STARTTLS a mailbox requires {@code TLS_FAILED}, rejected login
 * {@code AUTH_FAILED}, TLS and certificates {@code TLS_FAILED}, refused,
 * unknown or silent hosts {@code UNREACHABLE}, anything else {@code DEGRADED}. Reasons never carry
 * a secret.
 */
final class PollFailureClassifier {

    private static final int MAX_DETAIL = 200;

    private PollFailureClassifier() {
    }

    /** Why a mailbox that requires TLS did not log in: said before any login failure the words may look like. */
    static final String NO_STARTTLS = "the server does not offer STARTTLS, and the mailbox sends its password "
            + "over TLS only (requireTls); nothing was sent";

    static PollFailure classify(Throwable failure) {
        List<Throwable> chain = ConnectionFailure.causeChain(failure);
        Optional<ConnectionFailure> connection = ConnectionFailure.classify(failure);
        if (ConnectionFailure.isStartTlsMissing(failure)
                && connection.map(c -> c.kind() != ConnectionFailure.Kind.NOT_ALLOWED).orElse(true)) {
            return new PollFailure(MailboxState.TLS_FAILED, NO_STARTTLS);
        }
        return connection.flatMap(PollFailureClassifier::connection)
                .or(() -> closed(chain))
                .orElseGet(() -> other(chain));
    }

    /** A bare I/O failure is left to the mail-specific and other decisions. */
    private static Optional<PollFailure> connection(ConnectionFailure failure) {
        return switch (failure.kind()) {
            case NOT_ALLOWED -> Optional.of(new PollFailure(MailboxState.UNREACHABLE, failure.exception().getMessage()));
            case AUTH_REJECTED -> Optional.of(new PollFailure(MailboxState.AUTH_FAILED,
                    failure.exception() instanceof TokenRefusedException refused ? refused.getMessage()
                            : "authentication rejected"));
            case CERTIFICATE_NAME_MISMATCH -> tlsFailed("server certificate is for another host name than the mailbox's");
            case CERTIFICATE_UNTRUSTED -> tlsFailed("server certificate not trusted");
            case TLS_HANDSHAKE -> tlsFailed("TLS handshake failed");
            case UNKNOWN_HOST -> unreachable("unknown host");
            case TIMEOUT -> unreachable("no answer from the server in time");
            case NO_ROUTE -> unreachable("no route to host");
            case REFUSED -> unreachable("connection refused");
            case IO -> Optional.empty();
        };
    }

    private static Optional<PollFailure> closed(List<Throwable> chain) {
        if (first(chain, StoreClosedException.class).isPresent() || first(chain, FolderClosedException.class).isPresent()) {
            return unreachable("the server closed the connection");
        }
        return Optional.empty();
    }

    private static PollFailure other(List<Throwable> chain) {
        Optional<FolderNotFoundException> folder = first(chain, FolderNotFoundException.class);
        if (folder.isPresent()) {
            String name = folder.get().getFolder() != null ? folder.get().getFolder().getFullName() : "?";
            return new PollFailure(MailboxState.DEGRADED, "folder '" + name + "' does not exist on the server");
        }
        Optional<MessagePublishException> publish = first(chain, MessagePublishException.class);
        if (publish.isPresent()) {
            return new PollFailure(MailboxState.DEGRADED, publish.get().getMessage());
        }
        if (first(chain, DataAccessException.class).isPresent()) {
            return new PollFailure(MailboxState.DEGRADED, "MongoDB did not answer as expected");
        }
        Throwable top = chain.get(0);
        return new PollFailure(MailboxState.DEGRADED, detail(top));
    }

    private static Optional<PollFailure> tlsFailed(String reason) {
        return Optional.of(new PollFailure(MailboxState.TLS_FAILED, reason));
    }

    private static Optional<PollFailure> unreachable(String reason) {
        return Optional.of(new PollFailure(MailboxState.UNREACHABLE, reason));
    }

    private static String detail(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return "unexpected " + failure.getClass().getSimpleName();
        }
        String oneLine = message.replaceAll("\\s+", " ").trim();
        return oneLine.length() > MAX_DETAIL ? oneLine.substring(0, MAX_DETAIL) + "…" : oneLine;
    }
}
