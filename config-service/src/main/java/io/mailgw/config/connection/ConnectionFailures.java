package io.mailgw.config.connection;

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
import java.util.Optional;

import javax.net.ssl.SSLException;

import io.mailgw.model.connect.ConnectionNotAllowedException;
import io.mailgw.model.mailbox.Mailbox;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FolderNotFoundException;

/**
 * The one place that turns a failed connection test into a {@link ConnectionTestCode} and plain
 * English for an admin: what went wrong and, where it is clear, what to change. A server's own
 * answer to a login is never repeated (it may echo what was sent).
 */
final class ConnectionFailures {

    private static final int MAX_DEPTH = 12;
    private static final int MAX_DETAIL = 300;

    private ConnectionFailures() {
    }

    /** A failed test: its code and its words. */
    record Failure(ConnectionTestCode code, String detail) {
    }

    static Failure classify(Throwable failure, Mailbox mailbox) {
        List<Throwable> chain = chain(failure);
        String server = mailbox.host() + ":" + mailbox.port();
        return first(chain, ProbeFailedException.class).map(ex -> new Failure(ex.code(), ex.getMessage()))
                .or(() -> first(chain, ConnectionNotAllowedException.class)
                        .map(ex -> new Failure(ConnectionTestCode.REFUSED, "Not connected: " + ex.getMessage())))
                .or(() -> first(chain, AuthenticationFailedException.class)
                        .map(ex -> new Failure(ConnectionTestCode.AUTH_FAILED, "Connected to " + server
                                + ", but the server rejected the login of " + mailbox.username()
                                + ": check the user name and the password.")))
                .or(() -> first(chain, FolderNotFoundException.class)
                        .map(ex -> new Failure(ConnectionTestCode.FOLDER_MISSING, "Logged in, but folder '"
                                + mailbox.folder() + "' does not exist on the server.")))
                .or(() -> tls(chain, mailbox, server))
                .or(() -> network(chain, server))
                .orElseGet(() -> new Failure(ConnectionTestCode.SERVER_ERROR, "The server at " + server
                        + " answered unexpectedly: " + oneLine(chain.get(0)) + "."));
    }

    private static Optional<Failure> tls(List<Throwable> chain, Mailbox mailbox, String server) {
        if (String.valueOf(chain.get(0).getMessage()).contains("STARTTLS is required")) {
            return tlsFailed("The server at " + server + " does not offer STARTTLS, which this outbox requires: "
                    + "choose SSL if the port speaks TLS from the first byte, or NONE only on a trusted network.");
        }
        Optional<CertificateException> certificate = first(chain, CertificateException.class);
        if (certificate.isPresent() && isNameMismatch(certificate.get())) {
            return tlsFailed("The server's certificate is not for " + mailbox.host() + " ("
                    + oneLine(certificate.get()) + "): connect by the name the certificate gives.");
        }
        if (certificate.isPresent() || first(chain, CertPathBuilderException.class).isPresent()
                || first(chain, CertPathValidatorException.class).isPresent()) {
            return tlsFailed("The server's certificate is not trusted: no known authority signed it. If it is "
                    + "right, paste the server's certificate or its CA's as PEM into trustedCertificatePem.");
        }
        return first(chain, SSLException.class).map(ex -> new Failure(ConnectionTestCode.TLS_FAILED,
                "The TLS handshake with " + server + " failed (" + oneLine(ex) + "): does this port speak TLS "
                        + "as the mailbox's security says?"));
    }

    private static Optional<Failure> network(List<Throwable> chain, String server) {
        if (first(chain, UnknownHostException.class).isPresent()) {
            return unreachable("Host " + server.substring(0, server.lastIndexOf(':')) + " is unknown: no DNS entry.");
        }
        if (first(chain, SocketTimeoutException.class).isPresent()) {
            return unreachable("No answer from " + server + " within " + ConnectionProbe.TIMEOUT.toSeconds() + " s.");
        }
        if (first(chain, NoRouteToHostException.class).isPresent()) {
            return unreachable("No route to " + server + ".");
        }
        if (first(chain, ConnectException.class).isPresent()) {
            return unreachable("Nothing answers at " + server + " (connection refused): check host and port.");
        }
        return first(chain, IOException.class).map(ex -> new Failure(ConnectionTestCode.UNREACHABLE,
                "The connection to " + server + " broke off (" + oneLine(ex) + ")."));
    }

    private static Optional<Failure> tlsFailed(String detail) {
        return Optional.of(new Failure(ConnectionTestCode.TLS_FAILED, detail));
    }

    private static Optional<Failure> unreachable(String detail) {
        return Optional.of(new Failure(ConnectionTestCode.UNREACHABLE, detail));
    }

    /** The JDK's words when a certificate names neither the host name nor the address connected to. */
    private static boolean isNameMismatch(CertificateException ex) {
        String message = String.valueOf(ex.getMessage());
        return message.startsWith("No subject alternative") || message.startsWith("No name matching");
    }

    private static String oneLine(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        String flat = message.replaceAll("\\s+", " ").trim();
        if (flat.endsWith(".")) {
            flat = flat.substring(0, flat.length() - 1);
        }
        return flat.length() > MAX_DETAIL ? flat.substring(0, MAX_DETAIL) + "…" : flat;
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
