package io.mailgw.model.oauth;

import javax.net.ssl.SSLException;

import io.mailgw.model.connect.ConnectGuard;
import io.mailgw.model.connect.GuardedHttpsRequestFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.AbstractRestClientOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientJwtBearerTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * Spring Security's token clients of each grant, all sending their requests through the connect
 * guard ({@link GuardedHttpsRequestFactory}): {@code https} only, to the checked address, with the
 * JVM's authorities plus {@code mailgw.oauth2.trusted-certificate-pem}, and explicit timeouts.
 */
public final class OAuth2TokenClients implements DisposableBean {

    private final GuardedHttpsRequestFactory requests;
    private final RestClientClientCredentialsTokenResponseClient clientCredentials =
            new RestClientClientCredentialsTokenResponseClient();
    private final RestClientRefreshTokenTokenResponseClient refreshToken = new RestClientRefreshTokenTokenResponseClient();
    private final RestClientJwtBearerTokenResponseClient jwtBearer = new RestClientJwtBearerTokenResponseClient();
    private final RestClientAuthorizationCodeTokenResponseClient authorizationCode =
            new RestClientAuthorizationCodeTokenResponseClient();

    /**
     * @throws SSLException when {@code mailgw.oauth2.trusted-certificate-pem} is not a usable certificate
     */
    public OAuth2TokenClients(ConnectGuard guard, OAuth2Properties properties) throws SSLException {
        this.requests = new GuardedHttpsRequestFactory(guard, properties.trustedCertificatePem(),
                properties.connectTimeout(), properties.readTimeout());
        RestClient rest = RestClient.builder().requestFactory(requests)
                .configureMessageConverters(converters -> {
                    converters.addCustomConverter(new FormHttpMessageConverter());
                    converters.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build();
        for (AbstractRestClientOAuth2AccessTokenResponseClient<?> client
                : java.util.List.of(clientCredentials, refreshToken, jwtBearer, authorizationCode)) {
            client.setRestClient(rest);
        }
    }

    RestClientClientCredentialsTokenResponseClient clientCredentials() {
        return clientCredentials;
    }

    RestClientRefreshTokenTokenResponseClient refreshToken() {
        return refreshToken;
    }

    RestClientJwtBearerTokenResponseClient jwtBearer() {
        return jwtBearer;
    }

    /** For the sign-in on the admin page: exchanges the authorization code (and its PKCE verifier). */
    public RestClientAuthorizationCodeTokenResponseClient authorizationCode() {
        return authorizationCode;
    }

    @Override
    public void destroy() throws Exception {
        requests.close();
    }
}
