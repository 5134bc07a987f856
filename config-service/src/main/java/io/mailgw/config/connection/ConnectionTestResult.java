package io.mailgw.config.connection;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of a connection test (CONTRACT §4: {@code {"ok": bool, "detail": "..."}} and more).
 *
 * @param ok             whether the server was reached and the login (and the folder) worked
 * @param code           the outcome in one stable word
 * @param detail         the outcome in plain English, never a secret
 * @param server         where the test connected, as a URL without secret, such as
 *                       {@code imaps://soporte%40xpto.example@imap.xpto.example:993/INBOX}
 * @param messageCount   inbound: messages in the folder; absent for outbound or when the folder was not reached
 * @param idleSupported  inbound: whether the server offers IMAP IDLE (always false for POP3)
 * @param steps          the steps that passed, in order: {@code CONNECT}, {@code TLS}, {@code LOGIN},
 *                       {@code FOLDER} inbound; {@code CONNECT}, {@code TLS}, {@code EHLO},
 *                       {@code STARTTLS}, {@code AUTH} outbound (each only when the mailbox uses it)
 * @param durationMillis how long the test took
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ConnectionTestResult(boolean ok, ConnectionTestCode code, String detail, String server, Integer messageCount,
        Boolean idleSupported, List<String> steps, long durationMillis) {
}
