package io.mailgw.testing.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Reads the credentials of AUTH PLAIN (RFC 4616), AUTH LOGIN and AUTH XOAUTH2 (Google's and Microsoft's SASL
 * bearer form), asking with 334 for whatever the AUTH line did not carry.
 */
final class SaslExchange {

    private static final String USERNAME = Base64.getEncoder().encodeToString("Username:".getBytes(StandardCharsets.US_ASCII));
    private static final String PASSWORD = Base64.getEncoder().encodeToString("Password:".getBytes(StandardCharsets.US_ASCII));

    private final SmtpWire wire;

    SaslExchange(SmtpWire wire) {
        this.wire = wire;
    }

    /**
     * The login the client sent after {@code AUTH <arguments>}.
     *
     * @throws Refusal with the reply to send when the mechanism is unknown, the client cancelled or sent
     *         something that does not decode
     * @throws IOException when the connection broke or the client closed it
     */
    Login read(String arguments) throws IOException, Refusal {
        String[] words = arguments.trim().split(" +");
        String mechanism = words[0].toUpperCase(Locale.ROOT);
        String initial = words.length > 1 ? words[1] : null;
        return switch (mechanism) {
            case "PLAIN" -> plain(response(initial, "334 "));
            case "LOGIN" -> new Login(mechanism, response(initial, "334 " + USERNAME), response(null, "334 " + PASSWORD));
            case "XOAUTH2" -> xoauth2(response(initial, "334 "));
            default -> throw new Refusal("504 5.5.4 Unrecognized authentication type");
        };
    }

    private static Login plain(String decoded) throws Refusal {
        String[] parts = decoded.split("\0", -1);
        if (parts.length != 3) {
            throw new Refusal("501 5.5.2 AUTH PLAIN needs authzid, user and password separated by NUL");
        }
        return new Login("PLAIN", parts[1], parts[2]);
    }

    private static Login xoauth2(String decoded) throws Refusal {
        String user = null;
        String token = null;
        for (String part : decoded.split("\u0001")) {
            if (part.startsWith("user=")) {
                user = part.substring("user=".length());
            }
            else if (part.startsWith("auth=Bearer ")) {
                token = part.substring("auth=Bearer ".length());
            }
        }
        if (user == null || token == null) {
            throw new Refusal("501 5.5.2 AUTH XOAUTH2 needs user= and auth=Bearer");
        }
        return new Login("XOAUTH2", user, token);
    }

    /** The decoded initial response, or the next line after asking with {@code challenge}. */
    private String response(String initial, String challenge) throws IOException, Refusal {
        String encoded = initial;
        if (encoded == null) {
            wire.reply(challenge);
            encoded = wire.readLine();
            if (encoded == null) {
                throw new IOException("The client closed the connection during AUTH");
            }
        }
        if (encoded.equals("*")) {
            throw new Refusal("501 5.7.0 Authentication cancelled");
        }
        if (encoded.equals("=")) {
            return "";
        }
        try {
            return new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            throw new Refusal("501 5.5.2 Cannot decode the AUTH response as base64");
        }
    }

    /** An AUTH that ends before any credentials are judged, with the reply that says why. */
    static final class Refusal extends Exception {

        private final String reply;

        Refusal(String reply) {
            super(reply, null, false, false);
            this.reply = reply;
        }

        String reply() {
            return reply;
        }
    }
}
