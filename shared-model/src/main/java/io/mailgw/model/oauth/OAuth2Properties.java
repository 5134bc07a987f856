package io.mailgw.model.oauth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * OAuth2 for mailboxes ({@code mailgw.oauth2.*}), the same in every service.
 *
 * @param redirectUri            where the provider sends the admin back after signing in: the
 *                               config service's {@code /oauth2/callback} as the browser reaches it, to
 *                               be registered at the provider; default {@code {baseUrl}/oauth2/callback}
 * @param refreshMargin          an access token is renewed when it expires within this; default 60 s
 * @param refusedRetry           after the token endpoint refused a grant (revoked sign-in, wrong
 *                               secret), how long the same grant is not asked again; default 15 min
 * @param connectTimeout         to a token endpoint; default 10 s
 * @param readTimeout            of a token endpoint's answer; default 30 s
 * @param trustedCertificatePem  a CA or server certificate (PEM) that token endpoints may present
 *                               besides those the JVM trusts, such as a company CA in front of
 *                               Keycloak; default none
 * @param microsoft              where Microsoft's identity platform is
 * @param google                 where Google's OAuth2 endpoints are
 */
@Validated
@ConfigurationProperties("mailgw.oauth2")
public record OAuth2Properties(
        @DefaultValue("{baseUrl}/oauth2/callback") String redirectUri,
        @DefaultValue("60s") Duration refreshMargin,
        @DefaultValue("15m") Duration refusedRetry,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        String trustedCertificatePem,
        @DefaultValue Microsoft microsoft,
        @DefaultValue Google google) {

    /**
     * @param authority the identity platform's root; default {@code https://login.microsoftonline.com}
     *                  (national clouds have their own, such as {@code https://login.microsoftonline.us})
     */
    public record Microsoft(@DefaultValue("https://login.microsoftonline.com") String authority) {
    }

    /**
     * @param authorizationUri where an admin signs in; default {@code https://accounts.google.com/o/oauth2/v2/auth}
     * @param tokenUri         default {@code https://oauth2.googleapis.com/token}
     */
    public record Google(@DefaultValue("https://accounts.google.com/o/oauth2/v2/auth") String authorizationUri,
            @DefaultValue("https://oauth2.googleapis.com/token") String tokenUri) {
    }
}
