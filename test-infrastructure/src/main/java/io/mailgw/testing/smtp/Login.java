package io.mailgw.testing.smtp;

/**
 * The credentials a client sent with AUTH. A class, not a record, so that the secret never shows in a
 * {@code toString()}.
 */
final class Login {

    private final String mechanism;
    private final String user;
    private final String secret;

    Login(String mechanism, String user, String secret) {
        this.mechanism = mechanism;
        this.user = user;
        this.secret = secret;
    }

    String user() {
        return user;
    }

    /** The password, or the bearer token for XOAUTH2. */
    String secret() {
        return secret;
    }

    /** Whether the secret is an OAuth2 bearer token (XOAUTH2) rather than a password (PLAIN, LOGIN). */
    boolean isToken() {
        return "XOAUTH2".equals(mechanism);
    }

    @Override
    public String toString() {
        return mechanism + " login of " + user;
    }
}
