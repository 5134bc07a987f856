package io.mailgw.model.oauth;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.mailgw.model.auth.OAuth2Grant;
import io.mailgw.model.connect.ConnectionFailure;
import io.mailgw.model.connect.ConnectionNotAllowedException;
import jakarta.mail.MessagingException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.web.client.HttpStatusCodeException;

/**
 * The one place that turns a failed token request into what the mail side understands: the
 * guard's refusal stays a refusal (permanent until the configuration changes), an endpoint that
 * is down, slow, overloaded or answering garbage is {@link TokenEndpointUnavailableException}
 * (retried later), and an OAuth2 error is {@link TokenRefusedException}, with
 * {@code invalid_grant} of a signed-in mailbox meaning "sign in again". Words never carry a secret.
 */
final class TokenFailures {

    private static final int MAX_DETAIL = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

    private TokenFailures() {
    }

    static MessagingException classify(RuntimeException failure, URI tokenUri, OAuth2Grant grant) {
        List<Throwable> chain = ConnectionFailure.causeChain(failure);
        String endpoint = "the token endpoint " + tokenUri.getScheme() + "://" + tokenUri.getAuthority()
                + tokenUri.getPath();
        Optional<ConnectionNotAllowedException> refused = ConnectionFailure.first(chain, ConnectionNotAllowedException.class);
        if (refused.isPresent()) {
            return new TokenEndpointNotAllowedException("Asking " + endpoint + " is not allowed: "
                    + refused.get().getMessage(), refused.get());
        }
        Optional<HttpStatusCodeException> status = ConnectionFailure.first(chain, HttpStatusCodeException.class);
        if (status.isPresent()) {
            return byStatus(status.get(), endpoint, grant);
        }
        Optional<IOException> io = ConnectionFailure.first(chain, IOException.class);
        if (io.isPresent()) {
            return new TokenEndpointUnavailableException(endpoint + " is unreachable (" + oneLine(io.get()) + ")",
                    io.get());
        }
        Optional<OAuth2AuthorizationException> oauth2 = ConnectionFailure.first(chain, OAuth2AuthorizationException.class);
        if (oauth2.isPresent() && !INVALID_TOKEN_RESPONSE.equals(oauth2.get().getError().getErrorCode())) {
            return refused(oauth2.get().getError().getErrorCode(), oauth2.get().getError().getDescription(), endpoint,
                    grant);
        }
        // the parser's words may quote the answer, which may hold a token: name the failure only
        return new TokenEndpointUnavailableException(endpoint + " gave no usable token response ("
                + failure.getClass().getSimpleName() + ")", new IOException("no token response from " + endpoint));
    }

    private static MessagingException byStatus(HttpStatusCodeException status, String endpoint, OAuth2Grant grant) {
        int code = status.getStatusCode().value();
        if (code >= 500 || code == 429 || code == 408) {
            return new TokenEndpointUnavailableException(endpoint + " answered HTTP " + code + "; trying again later",
                    new IOException("HTTP " + code + " from " + endpoint));
        }
        OAuth2Error error = errorOf(status.getResponseBodyAsString());
        return refused(error == null ? "HTTP " + code : error.getErrorCode(), error == null ? null : error.getDescription(),
                endpoint, grant);
    }

    private static TokenRefusedException refused(String error, String description, String endpoint, OAuth2Grant grant) {
        String detail = endpoint + " answered " + error + (description == null ? "" : " (" + shorten(description) + ")");
        if (OAuth2ErrorCodes.INVALID_GRANT.equals(error)) {
            return TokenRefusedException.signInAgain(grant == OAuth2Grant.REFRESH_TOKEN
                    ? "the sign-in was revoked or has expired; " + detail
                    : "the grant was refused; " + detail);
        }
        return new TokenRefusedException("the token endpoint refused the login: " + detail + "; check the client id, "
                + "the secret and the scope", false);
    }

    private static OAuth2Error errorOf(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode error = json.get("error");
            if (error == null || !error.isString()) {
                return null;
            }
            JsonNode description = json.get("error_description");
            return new OAuth2Error(error.stringValue(), description != null && description.isString()
                    ? description.stringValue() : null, null);
        }
        catch (JacksonException | IllegalArgumentException ex) {
            return null;
        }
    }

    private static String oneLine(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : shorten(message);
    }

    private static String shorten(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > MAX_DETAIL ? flat.substring(0, MAX_DETAIL) + "…" : flat;
    }
}
