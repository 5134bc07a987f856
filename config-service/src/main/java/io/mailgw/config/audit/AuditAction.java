package io.mailgw.config.audit;

/** What a change did to its document. */
public enum AuditAction {
    CREATED,
    UPDATED,
    DELETED
}
