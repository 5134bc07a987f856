package io.mailgw.config.connection;

import jakarta.mail.MessagingException;

/** A probe's own finding that the test failed, already in a code and plain words. */
class ProbeFailedException extends MessagingException {

    private final transient ConnectionTestCode code;

    ProbeFailedException(ConnectionTestCode code, String detail) {
        super(detail);
        this.code = code;
    }

    ConnectionTestCode code() {
        return code;
    }
}
