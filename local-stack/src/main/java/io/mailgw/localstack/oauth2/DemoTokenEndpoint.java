package io.mailgw.localstack.oauth2;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.mailgw.localstack.LocalStackProperties;
import io.mailgw.localstack.StackPart;

/**
 * A token endpoint to try OAuth2 mailboxes with: the client credentials grant over HTTPS, for the
 * demo client only, issuing the demo access token that the demo mail server takes over XOAUTH2 for
 * the demo OAuth2 user. Its certificate, for the bind address, is made once with the JDK's
 * {@code keytool} and kept in the data directory; the services trust it through
 * {@code mailgw.oauth2.trusted-certificate-pem}, as they would a company CA.
 */
public final class DemoTokenEndpoint implements StackPart {

    static final String PATH = "/oauth2/token";
    private static final String STORE_PASSWORD = "local-stack-demo";
    private static final String ALIAS = "token-endpoint";

    private final String host;
    private final LocalStackProperties.OAuth2 settings;
    private final KeyStore keys;
    private HttpsServer server;
    private ExecutorService threads;

    private DemoTokenEndpoint(String host, LocalStackProperties.OAuth2 settings, KeyStore keys) {
        this.host = host;
        this.settings = settings;
        this.keys = keys;
    }

    /**
     * The endpoint with its certificate, made now in {@code dataDir/oauth2/} unless it is there already.
     *
     * @throws IOException when the certificate cannot be made or read
     */
    public static DemoTokenEndpoint prepare(String host, LocalStackProperties.OAuth2 settings, Path dataDir)
            throws IOException {
        Path store = dataDir.resolve("oauth2").resolve("token-endpoint.p12");
        if (!Files.exists(store)) {
            Files.createDirectories(store.getParent());
            keytool(store, host);
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, STORE_PASSWORD.toCharArray());
            return new DemoTokenEndpoint(host, settings, keys);
        }
        catch (GeneralSecurityException ex) {
            throw new IOException("The demo token endpoint's key store " + store + " cannot be read; delete it to "
                    + "have it made again", ex);
        }
    }

    /** Where the services ask for tokens. */
    public String tokenUri() {
        return "https://" + host + ":" + settings.port() + PATH;
    }

    /** The endpoint's certificate as PEM, for the services to trust. */
    public String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(keys.getCertificate(ALIAS).getEncoded()) + "\n-----END CERTIFICATE-----\n";
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("The demo token endpoint's certificate cannot be read", ex);
        }
    }

    @Override
    public String description() {
        return "demo OAuth2 token endpoint " + tokenUri();
    }

    @Override
    public void start() {
        try {
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, STORE_PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(managers.getKeyManagers(), null, null);
            HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getByName(host), settings.port()), 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            https.createContext(PATH, this::token);
            threads = Executors.newFixedThreadPool(2);
            https.setExecutor(threads);
            https.start();
            server = https;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The demo token endpoint cannot listen on " + host + ":" + settings.port(), ex);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("The demo token endpoint's key cannot be used", ex);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            threads.shutdownNow();
            server = null;
        }
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            form.put("client_id", URLDecoder.decode(pair[0], StandardCharsets.UTF_8));
            form.put("client_secret", pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "");
        }
        if (!"POST".equals(exchange.getRequestMethod()) || !"client_credentials".equals(form.get("grant_type"))) {
            answer(exchange, 400, "{\"error\":\"unsupported_grant_type\",\"error_description\":\"the demo endpoint "
                    + "issues tokens for the client credentials grant only\"}");
        }
        else if (!settings.clientId().equals(form.get("client_id"))
                || !settings.clientSecret().equals(form.get("client_secret"))) {
            answer(exchange, 401, "{\"error\":\"invalid_client\",\"error_description\":\"the demo client is "
                    + settings.clientId() + "\"}");
        }
        else {
            answer(exchange, 200, "{\"access_token\":\"" + settings.accessToken()
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void keytool(Path store, String host) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        String san = host.matches("[0-9.]+|.*:.*") ? "ip:" + host : "dns:" + host;
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + host + ", O=mailgw local stack",
                "-ext", "SAN=" + san, "-validity", "3650", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD, "-noprompt"))
                .redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not make the demo token endpoint's certificate: " + output);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool made the demo token endpoint's certificate", ex);
        }
    }
}
