package io.mailgw.model.secret;

import io.mailgw.model.auth.OAuth2Login;
import io.mailgw.model.auth.PasswordLogin;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.oauth.AccessTokens;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;

/**
 * The secret a mailbox logs in with, read at the moment of the login and never kept by the
 * caller: the stored password, decrypted, or an OAuth2 access token (sent with SASL XOAUTH2, see
 * {@link io.mailgw.model.connect.MailSessionBuilder}). The poller, the sender and the connection
 * test all ask here, so a new way to log in is added in one place.
 */
public class LoginSecrets {

    private final SecretCipher cipher;
    private final AccessTokens accessTokens;

    public LoginSecrets(SecretCipher cipher, AccessTokens accessTokens) {
        this.cipher = cipher;
        this.accessTokens = accessTokens;
    }

    /**
     * @throws AuthenticationFailedException when no password is stored, or it cannot be decrypted
     *                                       under the configured keys, or the token endpoint refused
     *                                       the grant ({@link io.mailgw.model.oauth.TokenRefusedException}):
     *                                       an admin must act
     * @throws MessagingException            when an access token cannot be had now: the token endpoint
     *                                       is down ({@link io.mailgw.model.oauth.TokenEndpointUnavailableException},
     *                                       retry later) or the connect guard refuses it
     */
    public String secretFor(Mailbox mailbox) throws MessagingException {
        if (mailbox.auth() instanceof OAuth2Login) {
            return accessTokens.accessTokenFor(mailbox);
        }
        PasswordLogin login = (PasswordLogin) mailbox.auth();
        if (login.password() == null) {
            throw new AuthenticationFailedException("no password is stored for " + mailbox.describe());
        }
        try {
            return cipher.decrypt(login.password(), mailbox.id());
        }
        catch (IllegalStateException ex) {
            throw new AuthenticationFailedException(ex.getMessage());
        }
    }
}
