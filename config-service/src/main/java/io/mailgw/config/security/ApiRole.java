package io.mailgw.config.security;

/** What an API user may do: ADMIN reads and changes the configuration, VIEWER only reads it. */
public enum ApiRole {
    ADMIN,
    VIEWER
}
