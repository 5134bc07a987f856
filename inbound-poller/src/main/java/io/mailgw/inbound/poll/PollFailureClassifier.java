package io.mailgw.inbound.poll;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLException;

import io.mailgw.model.connect.ConnectionNotAllowedException;
import io.mailgw.model.status.MailboxState;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderClosedException;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.StoreClosedException;

import org.springframework.dao.DataAccessException;

/**
 * The one place that turns a failed poll into a mailbox state and plain words: a server the
 * connect guard refuses {@code UNREACHABLE} with the guard's own words (how to allow it
 * included), rejected login {@code AUTH_FAILED}, TLS and certificates {@code TLS_FAILED}, refused,
 * unknown or silent hosts {@code UNREACHABLE}, anything else {@code DEGRADED}. Reasons never carry
 * a secret.
 */
final class PollFailureClassifier {

    private static final int MAX_DEPTH = 12;
    private static final int MAX_DETAIL = 200;

    private PollFailureClassifier() {
    }

    static PollFailure classify(Throwable failure) {
        List<Throwable> chain = chain(failure);
        return notAllowed(chain)
                .or(() -> authentication(chain))
                .or(() -> tls(chain))
                .or(() -> network(chain))
                .orElseGet(() -> other(chain));
    }

    private static Optional<PollFailure> notAllowed(List<Throwable> chain) {
        return first(chain, ConnectionNotAllowedException.class)
                .map(ex -> new PollFailure(MailboxState.UNREACHABLE, ex.getMessage()));
    }

    private static Optional<PollFailure> authentication(List<Throwable> chain) {
        return first(chain, AuthenticationFailedException.class)
                .map(ex -> new PollFailure(MailboxState.AUTH_FAILED, "authentication rejected"));
    }

    private static Optional<PollFailure> tls(List<Throwable> chain) {
        if (first(chain, CertificateException.class).filter(PollFailureClassifier::isNameMismatch).isPresent()) {
            return Optional.of(new PollFailure(MailboxState.TLS_FAILED,
                    "server certificate is for another host name than the mailbox's"));
        }
        if (first(chain, CertificateException.class).isPresent() || first(chain, CertPathBuilderException.class).isPresent()
                || first(chain, CertPathValidatorException.class).isPresent()) {
            return Optional.of(new PollFailure(MailboxState.TLS_FAILED, "server certificate not trusted"));
        }
        return first(chain, SSLException.class)
                .map(ex -> new PollFailure(MailboxState.TLS_FAILED, "TLS handshake failed"));
    }

    /** The JDK's words when a certificate names neither the host name nor the address connected to. */
    private static boolean isNameMismatch(CertificateException ex) {
        String message = String.valueOf(ex.getMessage());
        return message.startsWith("No subject alternative") || message.startsWith("No name matching");
    }

    private static Optional<PollFailure> network(List<Throwable> chain) {
        if (first(chain, UnknownHostException.class).isPresent()) {
            return unreachable("unknown host");
        }
        if (first(chain, SocketTimeoutException.class).isPresent()) {
            return unreachable("no answer from the server in time");
        }
        if (first(chain, NoRouteToHostException.class).isPresent()) {
            return unreachable("no route to host");
        }
        if (first(chain, ConnectException.class).isPresent()) {
            return unreachable("connection refused");
        }
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

    private static <T extends Throwable> Optional<T> first(List<Throwable> chain, Class<T> type) {
        return chain.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < MAX_DEPTH && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
