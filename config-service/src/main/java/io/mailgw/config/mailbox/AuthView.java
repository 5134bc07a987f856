package io.mailgw.config.mailbox;

import java.time.Instant;

import io.mailgw.model.auth.AuthMethod;
import io.mailgw.model.auth.JwtBearerLogin;
import io.mailgw.model.auth.MailboxAuth;
import io.mailgw.model.auth.OAuth2Client;
import io.mailgw.model.auth.OAuth2Grant;
import io.mailgw.model.auth.OAuth2Login;
import io.mailgw.model.auth.OAuth2Provider;
import io.mailgw.model.auth.RefreshTokenLogin;
import io.mailgw.model.auth.SecretField;

/**
 * A mailbox's {@code auth} as the API shows it (CONTRACT §4): {@code {"method": "PASSWORD"}}, or an
 * OAuth2 grant with whether each secret is set and, once someone signed in, the account and since
 * when; never a secret, not even encrypted.
 */
public sealed interface AuthView {

    static AuthView of(MailboxAuth auth) {
        return auth instanceof OAuth2Login login ? OAuth2.of(login) : new Password(AuthMethod.PASSWORD);
    }

    record Password(AuthMethod method) implements AuthView {
    }

    /**
     * @param subject              JWT bearer: the user the service account acts for
     * @param refreshTokenSet      refresh token grant: whether someone signed in (or gave one)
     * @param serviceAccountKeySet JWT bearer: whether the key is stored
     * @param account              refresh token grant: the account that signed in, when the provider named it
     * @param connectedAt          refresh token grant: when that was
     */
    record OAuth2(AuthMethod method, OAuth2Provider provider, OAuth2Grant grant, String tenantId, String clientId,
            String tokenUri, String scope, String subject, boolean clientSecretSet, Boolean refreshTokenSet,
            Boolean serviceAccountKeySet, String account, Instant connectedAt) implements AuthView {

        static OAuth2 of(OAuth2Login login) {
            OAuth2Client client = login.client();
            RefreshTokenLogin delegated = login instanceof RefreshTokenLogin r ? r : null;
            JwtBearerLogin serviceAccount = login instanceof JwtBearerLogin j ? j : null;
            return new OAuth2(AuthMethod.OAUTH2, client.provider(), login.grant(), client.tenantId(), client.clientId(),
                    client.tokenUri(), client.scope(), serviceAccount == null ? null : serviceAccount.subject(),
                    login.hasSecret(SecretField.CLIENT_SECRET),
                    delegated == null ? null : login.hasSecret(SecretField.REFRESH_TOKEN),
                    serviceAccount == null ? null : login.hasSecret(SecretField.SERVICE_ACCOUNT_KEY),
                    delegated == null ? null : delegated.account(), delegated == null ? null : delegated.connectedAt());
        }
    }
}
