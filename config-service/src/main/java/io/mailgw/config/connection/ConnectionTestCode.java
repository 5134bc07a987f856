package io.mailgw.config.connection;

/**
 * The outcome of a connection test in one stable word, for the admin page to say in its language.
 * These names are part of the API: never rename one.
 */
enum ConnectionTestCode {
    /** Connected, logged in and, for inbound mailboxes, opened the folder. */
    OK,
    /** The connect guard does not let the gateway connect there (an internal address or a port that is no mail port). */
    REFUSED,
    /** Unknown host, nothing listening, no route, or no answer in time. */
    UNREACHABLE,
    /** The TLS handshake failed: an untrusted certificate, one for another name, no STARTTLS, or no TLS on that port. */
    TLS_FAILED,
    /** The server rejected the login, offers none, or no password is known. */
    AUTH_FAILED,
    /** The folder to read (or to move read mail to) does not exist. */
    FOLDER_MISSING,
    /** The server answered something else than expected. */
    SERVER_ERROR
}
