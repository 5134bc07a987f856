package io.mailgw.model.mailbox;

/** Transport security of an outbox: none, STARTTLS (required, not opportunistic), or TLS from the first byte. */
public enum SmtpSecurity {
    NONE,
    STARTTLS,
    SSL
}
