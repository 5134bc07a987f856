package io.mailgw.testing.smtp;

/**
 * The points of an SMTP dialogue where a {@link ScriptedSmtpServer} answers, and so where a script can make
 * it stall ({@link SmtpScript#stall}) or drop the connection ({@link SmtpScript#drop}) instead.
 */
public enum SmtpStep {

    /** The 220 greeting right after the TCP connection is accepted; a stall here never sends a byte. */
    GREETING,
    /** The reply to EHLO or HELO. */
    EHLO,
    /** The 220 reply to STARTTLS, before the TLS handshake. */
    STARTTLS,
    /** The final reply to AUTH, after the client sent its credentials. */
    AUTH,
    /** The reply to MAIL FROM. */
    MAIL,
    /** The reply to each RCPT TO. */
    RCPT,
    /** The 354 reply to the DATA command, before the client sends the message. */
    DATA,
    /** The reply after the message and its terminating dot were received: a drop here is a drop after DATA. */
    END_OF_DATA,
    /** The reply to RSET. */
    RSET,
    /** The reply to NOOP. */
    NOOP,
    /** The 221 reply to QUIT. */
    QUIT
}
