package io.mailgw.model.oauth;

import jakarta.mail.MessagingException;

/**
 * The token endpoint did not answer, or answered with a server error or a response that is not
 * one: a transient failure like a mail server that is down, retried later. The cause is the I/O
 * failure (or stands for the HTTP status), so that callers classify it as a network failure.
 */
public class TokenEndpointUnavailableException extends MessagingException {

    TokenEndpointUnavailableException(String message, Exception cause) {
        super(message, cause);
    }
}
