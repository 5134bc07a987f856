package io.mailgw.model.auth;

import io.mailgw.model.secret.EncryptedSecret;

/**
 * The OAuth2 client every grant of a mailbox uses, and where its token endpoint is.
 *
 * @param tenantId     Microsoft: the directory (tenant) id or domain, such as {@code contoso.onmicrosoft.com}
 * @param clientSecret encrypted; {@code null} for a public client, or until one is set
 * @param tokenUri     {@code null} for the provider's own; required for {@code GENERIC}
 * @param scope        space-separated; {@code null} for the provider's default for the mailbox's protocol
 */
public record OAuth2Client(OAuth2Provider provider, String tenantId, String clientId, EncryptedSecret clientSecret,
        String tokenUri, String scope) {

    OAuth2Client withClientSecret(EncryptedSecret value) {
        return new OAuth2Client(provider, tenantId, clientId, value, tokenUri, scope);
    }

    @Override
    public String toString() {
        return "OAuth2Client[" + provider + ", tenant " + tenantId + ", client " + clientId + ", secret "
                + (clientSecret == null ? "none" : "set") + ", tokenUri " + tokenUri + ", scope " + scope + "]";
    }
}
