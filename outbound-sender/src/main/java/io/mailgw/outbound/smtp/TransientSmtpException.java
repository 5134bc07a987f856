package io.mailgw.outbound.smtp;

/** A failure that may heal by itself; resilience4j's {@code smtp} retry tries again in place. */
class TransientSmtpException extends SmtpFailureException {

    TransientSmtpException(SmtpFailure failure, Throwable cause) {
        super(failure, cause);
    }
}
