package io.mailgw.model.connect;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.net.ssl.SSLException;

import jakarta.mail.AuthenticationFailedException;

/**
 * What went wrong on a mail connection, read once from an exception chain of Jakarta Mail, JDK
 * networking or TLS, so that the poller, the sender and the connection test decide alike and
 * only choose their own words and states.
 *
 * @param kind      what failed
 * @param exception the exception in the chain that showed it
 */
public record ConnectionFailure(Kind kind, Throwable exception) {

    /** How deep a cause chain is followed; deeper causes say nothing an operator can act on. */
    private static final int MAX_DEPTH = 12;

    /** The kinds, in the order they win when a chain shows several. */
    public enum Kind {
        /** The connect guard refused the server: permanent until the configuration changes. */
        NOT_ALLOWED,
        /** The server rejected the login. */
        AUTH_REJECTED,
        /** The certificate names neither the host name nor the address connected to. */
        CERTIFICATE_NAME_MISMATCH,
        /** No trusted authority signed the certificate. */
        CERTIFICATE_UNTRUSTED,
        /** TLS failed otherwise, typically a port that does not speak TLS as configured. */
        TLS_HANDSHAKE,
        UNKNOWN_HOST,
        TIMEOUT,
        NO_ROUTE,
        REFUSED,
        /** Any other I/O failure: the connection broke off. */
        IO;

        public boolean isTls() {
            return this == CERTIFICATE_NAME_MISMATCH || this == CERTIFICATE_UNTRUSTED || this == TLS_HANDSHAKE;
        }
    }

    public ConnectionFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(exception, "exception");
    }

    /**
     * The failure a chain shows, by the first {@link Kind} present anywhere in it; empty when none
     * is (the caller's own failure, a server's unexpected answer).
     */
    public static Optional<ConnectionFailure> classify(Throwable failure) {
        return classify(causeChain(failure));
    }

    /** The kind of this one exception, its causes not looked at. */
    public static Optional<Kind> kindOf(Throwable exception) {
        return classify(List.of(exception)).map(ConnectionFailure::kind);
    }

    private static Optional<ConnectionFailure> classify(List<Throwable> chain) {
        return found(Kind.NOT_ALLOWED, first(chain, ConnectionNotAllowedException.class))
                .or(() -> found(Kind.AUTH_REJECTED, first(chain, AuthenticationFailedException.class)))
                .or(() -> certificate(chain))
                .or(() -> found(Kind.TLS_HANDSHAKE, first(chain, SSLException.class)))
                .or(() -> found(Kind.UNKNOWN_HOST, first(chain, UnknownHostException.class)))
                .or(() -> found(Kind.TIMEOUT, first(chain, SocketTimeoutException.class)))
                .or(() -> found(Kind.NO_ROUTE, first(chain, NoRouteToHostException.class)))
                .or(() -> found(Kind.REFUSED, first(chain, ConnectException.class)))
                .or(() -> found(Kind.IO, first(chain, IOException.class)));
    }

    private static Optional<ConnectionFailure> certificate(List<Throwable> chain) {
        Optional<CertificateException> certificate = first(chain, CertificateException.class);
        if (certificate.isPresent() && isNameMismatch(certificate.get())) {
            return found(Kind.CERTIFICATE_NAME_MISMATCH, certificate);
        }
        return found(Kind.CERTIFICATE_UNTRUSTED, certificate.<Throwable>map(c -> c)
                .or(() -> first(chain, CertPathBuilderException.class))
                .or(() -> first(chain, CertPathValidatorException.class)));
    }

    /** The JDK's words when a certificate names neither the host name nor the address connected to. */
    private static boolean isNameMismatch(CertificateException ex) {
        String message = String.valueOf(ex.getMessage());
        return message.startsWith("No subject alternative") || message.startsWith("No name matching");
    }

    /** Jakarta Mail's words when the server does not offer the STARTTLS a session requires. */
    public static boolean isStartTlsRequired(Throwable top) {
        return String.valueOf(top.getMessage()).contains("STARTTLS is required");
    }

    /**
     * Whether the chain shows a server that does not offer the STARTTLS (SMTP, IMAP) or STLS (POP3)
     * a session requires, so that no password was sent. Angus Mail says so in words only, and for
     * POP3 inside an {@link AuthenticationFailedException}: ask this before {@link #classify}.
     */
    public static boolean isStartTlsMissing(Throwable failure) {
        return causeChain(failure).stream().map(ex -> String.valueOf(ex.getMessage()))
                .anyMatch(message -> message.contains("STARTTLS is required")
                        || message.contains("STARTTLS required but not supported")
                        || message.contains("STLS required but"));
    }

    /** The failure and its causes, outermost first, at most 12 deep, each once. */
    public static List<Throwable> causeChain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && chain.size() < MAX_DEPTH && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** The outermost exception of the chain that is a {@code type}. */
    public static <T extends Throwable> Optional<T> first(List<Throwable> chain, Class<T> type) {
        return chain.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    private static Optional<ConnectionFailure> found(Kind kind, Optional<? extends Throwable> exception) {
        return exception.map(ex -> new ConnectionFailure(kind, ex));
    }
}
