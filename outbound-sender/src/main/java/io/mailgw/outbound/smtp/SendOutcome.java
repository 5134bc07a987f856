package io.mailgw.outbound.smtp;

/** What became of one send through an outbox, after the in-place retries. */
public sealed interface SendOutcome {

    /** The server accepted the message; {@code reply} is its last answer, such as {@code 250 2.0.0 Ok: queued}. */
    record Sent(String reply) implements SendOutcome {
    }

    /** The server could not be used or refused the message. */
    record Failed(SmtpFailure failure) implements SendOutcome {
    }

    /** The request cannot be turned into a message; {@code field} names the request field at fault. */
    record Invalid(String field, String message) implements SendOutcome {
    }
}
