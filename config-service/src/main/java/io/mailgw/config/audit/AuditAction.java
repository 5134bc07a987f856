package io.mailgw.config.audit;

/** What a change did to its document; {@code REDRIVEN}: failed deliveries were put back on the requests topic. */
public enum AuditAction {
    CREATED,
    UPDATED,
    DELETED,
    REDRIVEN
}
