package io.mailgw.config.audit;

/**
 * What a change did to its document, or what became of a sign-in; {@code REDRIVEN}: failed
 * deliveries were put back on the requests topic.
 */
public enum AuditAction {
    CREATED,
    UPDATED,
    DELETED,
    REDRIVEN,
    /** A sign-in (form or HTTP Basic) with a wrong user name or password. */
    LOGIN_FAILED,
    /** Failed sign-ins from one address for one user name (or for many) must now wait, or are refused (HTTP 429). */
    LOGIN_THROTTLED
}
