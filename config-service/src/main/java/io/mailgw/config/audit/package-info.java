/**
 * The audit log ({@code audit_events}): who changed which document when, and the names of the
 * fields that changed, never their values; read page by page at {@code /api/v1/audit}.
 */
package io.mailgw.config.audit;
