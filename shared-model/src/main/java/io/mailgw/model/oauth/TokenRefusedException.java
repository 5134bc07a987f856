package io.mailgw.model.oauth;

import jakarta.mail.AuthenticationFailedException;

/**
 * The token endpoint refused the mailbox's grant: a revoked or expired sign-in ({@code invalid_grant}),
 * a wrong client secret, a scope the app may not have. Trying again cannot help until an admin
 * acts, so the mailbox is {@code AUTH_FAILED}; the message says what to do, never a secret.
 */
public class TokenRefusedException extends AuthenticationFailedException {

    /** How the reason of a mailbox that must be signed in again begins, on its status and the admin page. */
    public static final String SIGN_IN_AGAIN = "sign in again";

    private final boolean signInRequired;

    TokenRefusedException(String message, boolean signInRequired) {
        super(message);
        this.signInRequired = signInRequired;
    }

    /** A grant the provider no longer honours: only signing in again gives a new one. */
    static TokenRefusedException signInAgain(String detail) {
        return new TokenRefusedException(SIGN_IN_AGAIN + ": " + detail, true);
    }

    /** Whether an admin must sign in again on the admin page (or give a new refresh token). */
    public boolean signInRequired() {
        return signInRequired;
    }
}
