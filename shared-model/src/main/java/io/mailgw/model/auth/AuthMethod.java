package io.mailgw.model.auth;

/** How a mailbox logs in (CONTRACT §4, {@code auth.method}): a password, or an OAuth2 access token. */
public enum AuthMethod {
    PASSWORD,
    OAUTH2
}
