package io.mailgw.outbound.smtp;

/** A failure that trying again cannot fix; never retried. */
class PermanentSmtpException extends SmtpFailureException {

    PermanentSmtpException(SmtpFailure failure, Throwable cause) {
        super(failure, cause);
    }
}
