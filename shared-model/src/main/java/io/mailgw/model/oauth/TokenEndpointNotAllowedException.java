package io.mailgw.model.oauth;

import io.mailgw.model.connect.ConnectionNotAllowedException;
import jakarta.mail.MessagingException;

/**
 * The connect guard refuses the token endpoint (not {@code https}, or an internal address that
 * {@code MAILGW_CONNECT_ALLOW} does not let through): permanent until the configuration changes.
 * The cause is the guard's refusal, in its own words.
 */
public class TokenEndpointNotAllowedException extends MessagingException {

    TokenEndpointNotAllowedException(String message, ConnectionNotAllowedException cause) {
        super(message, cause);
    }
}
