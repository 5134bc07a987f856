package io.mailgw.model.connect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.util.Timeout;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * HTTP requests that carry a secret (OAuth2 token requests) through the {@link ConnectGuard}:
 * {@code https} only, the host name resolved once per request and every address checked, the
 * connection made to the checked address (a DNS resolver of its own answers only with it), TLS
 * verified against the host name with the JVM's authorities plus one optional extra certificate,
 * explicit timeouts, and no redirects, which could carry a secret elsewhere. Each request has a
 * connection of its own, checked afresh: token requests are rare (a token lasts about an hour), so
 * keeping connections alive would save little and hide an endpoint that went away.
 */
public final class GuardedHttpsRequestFactory implements ClientHttpRequestFactory, AutoCloseable {

    /** Token requests at once, in all; a refresh holds its mailbox's lock, so this bounds threads waiting. */
    private static final int MAX_CONNECTIONS = 20;
    private static final int MAX_PER_ENDPOINT = 10;

    private final ConnectGuard guard;
    private final Map<String, List<InetAddress>> checked = new ConcurrentHashMap<>();
    private final CloseableHttpClient client;
    private final HttpComponentsClientHttpRequestFactory requests;

    /**
     * @param trustedCertificatePem a CA or server certificate (PEM) trusted besides the JVM's authorities, or {@code null}
     * @throws SSLException when that certificate cannot be used
     */
    public GuardedHttpsRequestFactory(ConnectGuard guard, String trustedCertificatePem, Duration connectTimeout,
            Duration readTimeout) throws SSLException {
        this.guard = guard;
        ConnectionConfig connections = ConnectionConfig.custom().setConnectTimeout(timeout(connectTimeout))
                .setSocketTimeout(timeout(readTimeout)).build();
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new CheckedAddresses())
                        .setTlsSocketStrategy(new DefaultClientTlsStrategy(ServerTrust.context(trustedCertificatePem)))
                        .setDefaultConnectionConfig(connections)
                        .setMaxConnTotal(MAX_CONNECTIONS).setMaxConnPerRoute(MAX_PER_ENDPOINT).build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout(readTimeout))
                        .setRedirectsEnabled(false).build())
                .setConnectionReuseStrategy((request, response, context) -> false)
                .disableRedirectHandling().disableCookieManagement().disableAuthCaching().build();
        this.requests = new HttpComponentsClientHttpRequestFactory(client);
    }

    /**
     * @throws ConnectionNotAllowedException when the guard refuses the URL, in its own words
     * @throws UnknownHostException          when the host name does not resolve
     */
    @Override
    public ClientHttpRequest createRequest(URI uri, HttpMethod httpMethod) throws IOException {
        CheckedAddress address = guard.checkHttps(uri);
        checked.put(address.host().toLowerCase(java.util.Locale.ROOT), address.addresses());
        return requests.createRequest(uri, httpMethod);
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private static Timeout timeout(Duration duration) {
        return Timeout.ofMilliseconds(duration.toMillis());
    }

    /** Answers a host name with the addresses the guard checked for it just before, and nothing else. */
    private final class CheckedAddresses implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            List<InetAddress> addresses = checked.get(name.toLowerCase(java.util.Locale.ROOT));
            if (addresses == null) {
                throw new UnknownHostException(host + " was not checked by the connect guard; not connected");
            }
            return addresses.toArray(InetAddress[]::new);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }
}
