package io.mailgw.outbound.delivery;

/**
 * Every error code a {@code DeliveryStatus} or a dead-lettered record can carry, in one place.
 * Whether a code is retried is decided where the failure is classified, not here.
 */
public enum ErrorCode {
    /** The record is not JSON. */
    INVALID_JSON,
    /** The request breaks the contract's rules, or cannot be written as a MIME message. */
    INVALID_REQUEST,
    /** {@code SPECIFIC} for a contract that does not exist. */
    UNKNOWN_CONTRACT,
    /** No usable default outbox (an admin may fix it). */
    NO_OUTBOX,
    SMTP_UNREACHABLE,
    SMTP_TIMEOUT,
    SMTP_CONNECTION_LOST,
    /** A 4xx reply. */
    SMTP_TEMPORARY_FAILURE,
    /** A 5xx reply. */
    SMTP_REJECTED,
    /** The server rejected the outbox's login; its mail waits for an admin. */
    SMTP_AUTH_FAILED,
    SMTP_TLS_FAILED,
    /** An SMTP failure nothing else describes. */
    SMTP_ERROR,
    /** The connect guard refused the outbox's server. */
    CONNECT_NOT_ALLOWED,
    /** The outbox's lane is full and does not drain in time: its server is slow. */
    OUTBOX_BUSY,
    /** None of the outbox's sends finished for a while: its server stopped answering. */
    OUTBOX_NOT_ANSWERING,
    /** The outbox's circuit breaker is open after repeated failures. */
    OUTBOX_CIRCUIT_OPEN,
    /** The outbox's {@code maxPerMinute} is reached. */
    OUTBOX_RATE_LIMITED,
    /** A failure of the gateway itself. */
    INTERNAL_ERROR
}
