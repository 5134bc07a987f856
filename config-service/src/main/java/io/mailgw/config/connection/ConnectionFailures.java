package io.mailgw.config.connection;

import java.util.List;
import java.util.Optional;

import io.mailgw.model.auth.AuthMethod;
import io.mailgw.model.connect.ConnectionFailure;
import io.mailgw.model.connect.ConnectionFailure.Kind;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.oauth.TokenEndpointNotAllowedException;
import io.mailgw.model.oauth.TokenEndpointUnavailableException;
import io.mailgw.model.oauth.TokenRefusedException;
import jakarta.mail.FolderNotFoundException;

import static io.mailgw.model.connect.ConnectionFailure.first;

/**
 * The one place that turns a failed connection test into a {@link ConnectionTestCode} and plain
 * English for an admin: what went wrong and, where it is clear, what to change. A server's own
 * answer to a login is never repeated (it may echo what was sent).
 */
final class ConnectionFailures {

    private static final int MAX_DETAIL = 300;

    private ConnectionFailures() {
    }

    /** A failed test: its code and its words. */
    record Failure(ConnectionTestCode code, String detail) {
    }

    static Failure classify(Throwable failure, Mailbox mailbox) {
        List<Throwable> chain = ConnectionFailure.causeChain(failure);
        String server = mailbox.server().host() + ":" + mailbox.server().port();
        Optional<ConnectionFailure> connection = ConnectionFailure.classify(failure);
        return first(chain, ProbeFailedException.class).map(ex -> new Failure(ex.code(), ex.getMessage()))
                .or(() -> token(chain))
                .or(() -> connection.filter(c -> c.kind() == Kind.NOT_ALLOWED).map(c -> describe(c, mailbox, server)))
                .or(() -> startTlsMissing(failure, mailbox, server))
                .or(() -> connection.filter(c -> c.kind() == Kind.AUTH_REJECTED).map(c -> describe(c, mailbox, server)))
                .or(() -> first(chain, FolderNotFoundException.class)
                        .map(ex -> new Failure(ConnectionTestCode.FOLDER_MISSING, "Logged in, but folder '"
                                + mailbox.inbound().folder() + "' does not exist on the server.")))
                .or(() -> connection.map(c -> describe(c, mailbox, server)))
                .orElseGet(() -> new Failure(ConnectionTestCode.SERVER_ERROR, "The server at " + server
                        + " answered unexpectedly: " + oneLine(chain.get(0)) + "."));
    }

    /** The login's access token could not be had: the token endpoint's own failure, in its words. */
    private static Optional<Failure> token(List<Throwable> chain) {
        return first(chain, TokenRefusedException.class)
                .map(ex -> new Failure(ConnectionTestCode.AUTH_FAILED, "No access token: " + ex.getMessage() + "."))
                .or(() -> first(chain, TokenEndpointUnavailableException.class)
                        .map(ex -> new Failure(ConnectionTestCode.UNREACHABLE,
                                "No access token: " + ex.getMessage() + ".")))
                .or(() -> first(chain, TokenEndpointNotAllowedException.class)
                        .map(ex -> new Failure(ConnectionTestCode.REFUSED, "No access token: " + ex.getMessage())));
    }

    private static Optional<Failure> startTlsMissing(Throwable failure, Mailbox mailbox, String server) {
        if (!ConnectionFailure.isStartTlsMissing(failure)) {
            return Optional.empty();
        }
        if (mailbox.isInbound()) {
            return Optional.of(new Failure(ConnectionTestCode.TLS_FAILED, "The server at " + server
                    + " does not offer STARTTLS, and this mailbox sends its password over TLS only (requireTls), "
                    + "so it did not log in: choose " + mailbox.inbound().protocol() + "S if the server has it, or "
                    + "switch requireTls off only on a trusted network."));
        }
        return Optional.of(new Failure(ConnectionTestCode.TLS_FAILED, "The server at " + server
                + " does not offer STARTTLS, which this outbox requires: choose SSL if the port speaks TLS from "
                + "the first byte, or NONE only on a trusted network."));
    }

    private static Failure describe(ConnectionFailure failure, Mailbox mailbox, String server) {
        Throwable ex = failure.exception();
        return switch (failure.kind()) {
            case NOT_ALLOWED -> new Failure(ConnectionTestCode.REFUSED, "Not connected: " + ex.getMessage());
            case AUTH_REJECTED -> new Failure(ConnectionTestCode.AUTH_FAILED, "Connected to " + server
                    + ", but the server rejected the login of " + mailbox.username() + (mailbox.auth().method()
                    == AuthMethod.OAUTH2 ? ": check that the app may read or send as this user (its permissions "
                    + "and the scope)." : ": check the user name and the password."));
            case CERTIFICATE_NAME_MISMATCH -> tlsFailed("The server's certificate is not for " + mailbox.server().host()
                    + " (" + oneLine(ex) + "): connect by the name the certificate gives.");
            case CERTIFICATE_UNTRUSTED -> tlsFailed("The server's certificate is not trusted: no known authority "
                    + "signed it. If it is right, paste the server's certificate or its CA's as PEM into "
                    + "trustedCertificatePem.");
            case TLS_HANDSHAKE -> tlsFailed("The TLS handshake with " + server + " failed (" + oneLine(ex)
                    + "): does this port speak TLS as the mailbox's security says?");
            case UNKNOWN_HOST -> unreachable("Host " + mailbox.server().host() + " is unknown: no DNS entry.");
            case TIMEOUT -> unreachable("No answer from " + server + " within "
                    + ConnectionProbe.TIMEOUT.toSeconds() + " s.");
            case NO_ROUTE -> unreachable("No route to " + server + ".");
            case REFUSED -> unreachable("Nothing answers at " + server + " (connection refused): check host and port.");
            case IO -> unreachable("The connection to " + server + " broke off (" + oneLine(ex) + ").");
        };
    }

    private static Failure tlsFailed(String detail) {
        return new Failure(ConnectionTestCode.TLS_FAILED, detail);
    }

    private static Failure unreachable(String detail) {
        return new Failure(ConnectionTestCode.UNREACHABLE, detail);
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
}
