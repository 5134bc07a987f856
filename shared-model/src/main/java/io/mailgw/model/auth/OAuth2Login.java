package io.mailgw.model.auth;

/**
 * A login with an OAuth2 access token, sent with SASL XOAUTH2 (CONTRACT §4,
 * {@code {"method": "OAUTH2"}}); the token comes from the grant of each kind.
 */
public sealed interface OAuth2Login extends MailboxAuth permits ClientCredentialsLogin, RefreshTokenLogin, JwtBearerLogin {

    OAuth2Client client();

    OAuth2Grant grant();

    @Override
    default AuthMethod method() {
        return AuthMethod.OAUTH2;
    }
}
