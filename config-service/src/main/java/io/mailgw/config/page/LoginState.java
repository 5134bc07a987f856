package io.mailgw.config.page;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.mailgw.config.signin.MailboxSignIn;
import io.mailgw.model.auth.OAuth2Login;
import io.mailgw.model.auth.RefreshTokenLogin;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.oauth.TokenRefusedException;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatus;

/**
 * What the mailbox form says about a stored login, never a secret: which secrets are set, the
 * account someone signed in with and since when, and whether the provider revoked it, so that
 * an admin must sign in again.
 *
 * @param signInOffered whether "Conectar con Microsoft/Google" applies (a saved delegated mailbox)
 * @param signInAgain   the mailbox is {@code AUTH_FAILED} because its sign-in was revoked or expired
 */
record LoginState(boolean clientSecretSet, boolean refreshTokenSet, boolean serviceAccountKeySet, String account,
        Instant connectedAt, boolean signInOffered, boolean signInAgain) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    static final LoginState NONE = new LoginState(false, false, false, null, null, false, false);

    static LoginState of(Mailbox stored, MailboxStatus status) {
        if (stored == null || !(stored.auth() instanceof OAuth2Login login)) {
            return NONE;
        }
        RefreshTokenLogin delegated = login instanceof RefreshTokenLogin r ? r : null;
        boolean revoked = status != null && status.state() == MailboxState.AUTH_FAILED && status.lastError() != null
                && status.lastError().contains(TokenRefusedException.SIGN_IN_AGAIN);
        return new LoginState(login.hasSecret(SecretField.CLIENT_SECRET), login.hasSecret(SecretField.REFRESH_TOKEN),
                login.hasSecret(SecretField.SERVICE_ACCOUNT_KEY), delegated == null ? null : delegated.account(),
                delegated == null ? null : delegated.connectedAt(), MailboxSignIn.offered(stored), revoked);
    }

    /** When the account was connected, as the page shows it, such as {@code 2026-11-28 10:15 UTC}. */
    public String connectedAtText() {
        return connectedAt == null ? "" : WHEN.format(connectedAt);
    }
}
