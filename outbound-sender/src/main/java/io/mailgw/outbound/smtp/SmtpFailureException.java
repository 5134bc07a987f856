package io.mailgw.outbound.smtp;

/** Carries a classified failure out of one send attempt, through the in-place retry. */
abstract class SmtpFailureException extends Exception {

    private final transient SmtpFailure failure;

    SmtpFailureException(SmtpFailure failure, Throwable cause) {
        super(failure.reason(), cause);
        this.failure = failure;
    }

    SmtpFailure failure() {
        return failure;
    }
}
