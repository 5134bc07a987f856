package io.mailgw.config.signin;

/** Signing in for a mailbox did not connect it; the message says why in plain words, never a secret. */
public class SignInFailedException extends RuntimeException {

    private final String mailboxId;

    SignInFailedException(String mailboxId, String message) {
        super(message);
        this.mailboxId = mailboxId;
    }

    public String mailboxId() {
        return mailboxId;
    }
}
