package io.mailgw.config.page;

import io.mailgw.model.auth.AuthMethod;
import io.mailgw.model.auth.JwtBearerLogin;
import io.mailgw.model.auth.MailboxAuth;
import io.mailgw.model.auth.OAuth2Client;
import io.mailgw.model.auth.OAuth2Grant;
import io.mailgw.model.auth.OAuth2Login;
import io.mailgw.model.auth.OAuth2Provider;
import tools.jackson.databind.node.ObjectNode;

/**
 * The login part of the mailbox form ({@code auth.*} in the browser's post): the method and, for
 * OAuth2, the provider, grant, tenant, client and where its tokens come from. Its secrets (client
 * secret, refresh token, service account key) go one way only, like the password: a form built
 * from a stored mailbox has none, and an empty one is left out, which keeps the stored one. Not a
 * record, so that no {@code toString()} prints them.
 */
public class AuthForm {

    private String method = AuthMethod.PASSWORD.name();
    private String provider = OAuth2Provider.MICROSOFT.name();
    private String grant = OAuth2Grant.CLIENT_CREDENTIALS.name();
    private String tenantId;
    private String clientId;
    private String clientSecret;
    private String refreshToken;
    private String serviceAccountKey;
    private String subject;
    private String tokenUri;
    private String scope;

    /** The stored login as the form shows it: every field but the secrets. */
    static AuthForm of(MailboxAuth auth) {
        AuthForm form = new AuthForm();
        form.method = auth.method().name();
        if (auth instanceof OAuth2Login login) {
            OAuth2Client client = login.client();
            form.provider = client.provider() == null ? null : client.provider().name();
            form.grant = login.grant().name();
            form.tenantId = client.tenantId();
            form.clientId = client.clientId();
            form.tokenUri = client.tokenUri();
            form.scope = client.scope();
            form.subject = login instanceof JwtBearerLogin serviceAccount ? serviceAccount.subject() : null;
        }
        return form;
    }

    public boolean isOAuth2() {
        return AuthMethod.OAUTH2.name().equals(method);
    }

    /** {@code auth} of the mailbox JSON: only the method for a password, else the OAuth2 fields filled in. */
    void putInto(ObjectNode json) {
        ObjectNode auth = json.putObject("auth");
        MailboxForm.putText(auth, "method", method);
        if (!isOAuth2()) {
            return;
        }
        MailboxForm.putText(auth, "provider", provider);
        MailboxForm.putText(auth, "grant", grant);
        MailboxForm.putText(auth, "clientId", clientId);
        MailboxForm.putText(auth, "tokenUri", tokenUri);
        MailboxForm.putText(auth, "scope", scope);
        if (OAuth2Provider.MICROSOFT.name().equals(provider)) {
            MailboxForm.putText(auth, "tenantId", tenantId);
        }
        if (OAuth2Grant.JWT_BEARER.name().equals(grant)) {
            MailboxForm.putText(auth, "subject", subject);
            putSecret(auth, "serviceAccountKey", serviceAccountKey);
        }
        if (OAuth2Grant.REFRESH_TOKEN.name().equals(grant)) {
            putSecret(auth, "refreshToken", refreshToken);
        }
        putSecret(auth, "clientSecret", clientSecret);
    }

    /** Forgets the typed secrets, so that a form shown again never carries them back to the browser. */
    void forgetSecrets() {
        clientSecret = null;
        refreshToken = null;
        serviceAccountKey = null;
    }

    private static void putSecret(ObjectNode json, String field, String value) {
        if (value != null && !value.isEmpty()) {
            json.put(field, value.strip());
        }
    }

    @Override
    public String toString() {
        return "AuthForm[" + method + ", " + provider + ", " + grant + "]";
    }

    // accessors for form binding; the secrets are write-only: no getters

    public String getMethod() {
        return method;
    }

    public void setMethod(String method) {
        this.method = method;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public String getGrant() {
        return grant;
    }

    public void setGrant(String grant) {
        this.grant = grant;
    }

    public String getTenantId() {
        return tenantId;
    }

    public void setTenantId(String tenantId) {
        this.tenantId = tenantId;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public void setRefreshToken(String refreshToken) {
        this.refreshToken = refreshToken;
    }

    public void setServiceAccountKey(String serviceAccountKey) {
        this.serviceAccountKey = serviceAccountKey;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getTokenUri() {
        return tokenUri;
    }

    public void setTokenUri(String tokenUri) {
        this.tokenUri = tokenUri;
    }

    public String getScope() {
        return scope;
    }

    public void setScope(String scope) {
        this.scope = scope;
    }
}
