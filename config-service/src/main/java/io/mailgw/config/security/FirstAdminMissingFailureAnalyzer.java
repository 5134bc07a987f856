package io.mailgw.config.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints what to do when the service stops because it has no user and no first admin. */
class FirstAdminMissingFailureAnalyzer extends AbstractFailureAnalyzer<FirstAdminMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FirstAdminMissingException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set MAILGW_ADMIN_USER and MAILGW_ADMIN_PASSWORD in the environment and start again; the service "
                        + "then creates that user with role ADMIN and stores only a BCrypt hash of the password.",
                cause);
    }
}
