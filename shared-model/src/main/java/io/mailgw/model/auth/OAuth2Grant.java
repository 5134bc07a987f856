package io.mailgw.model.auth;

/** How an OAuth2 mailbox obtains its access tokens (CONTRACT §4, {@code auth.grant}). */
public enum OAuth2Grant {
    /** App-only: the client's own id and secret (Microsoft 365 {@code IMAP.AccessAsApp} and the like). */
    CLIENT_CREDENTIALS,
    /** Delegated: a refresh token from signing in on the admin page, or given once. */
    REFRESH_TOKEN,
    /** A Google service account with domain-wide delegation, acting for {@code subject}. */
    JWT_BEARER
}
