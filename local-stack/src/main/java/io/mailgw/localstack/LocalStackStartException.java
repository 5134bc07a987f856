package io.mailgw.localstack;

/** A part of the local stack could not start; the message names it and why. */
class LocalStackStartException extends RuntimeException {

    LocalStackStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
