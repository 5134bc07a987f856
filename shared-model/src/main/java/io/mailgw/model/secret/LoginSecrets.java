package io.mailgw.model.secret;

import io.mailgw.model.mailbox.Mailbox;
import jakarta.mail.AuthenticationFailedException;

/**
 * The secret a mailbox logs in with, read at the moment of the login and never kept: today the
 * stored password, decrypted. The poller, the sender and the connection test all ask here, so a
 * new way to log in is added in one place.
 */
public class LoginSecrets {

    private final PasswordCipher cipher;

    public LoginSecrets(PasswordCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * @throws AuthenticationFailedException when no password is stored, or it cannot be decrypted
     *                                       under the current key; an admin must set it again
     */
    public String secretFor(Mailbox mailbox) throws AuthenticationFailedException {
        if (mailbox.password() == null) {
            throw new AuthenticationFailedException("no password is stored for " + mailbox.describe());
        }
        try {
            return cipher.decrypt(mailbox.password());
        }
        catch (IllegalStateException ex) {
            throw new AuthenticationFailedException(ex.getMessage());
        }
    }
}
