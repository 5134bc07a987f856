package io.mailgw.model.auth;

/**
 * Whose token endpoint an OAuth2 mailbox asks (CONTRACT §4, {@code auth.provider}). Microsoft and
 * Google are presets of the general form: their token endpoint and scopes follow from the tenant
 * and the mailbox's protocol; {@code GENERIC} names both itself (Dovecot, Keycloak, others).
 */
public enum OAuth2Provider {
    MICROSOFT,
    GOOGLE,
    GENERIC
}
