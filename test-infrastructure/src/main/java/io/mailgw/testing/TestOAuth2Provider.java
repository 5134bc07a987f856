package io.mailgw.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * An OAuth2 provider for tests, on real sockets: a token endpoint over HTTPS (presenting
 * {@link TestCertificate}) at any path ending in {@code /token}, and a sign-in page over plain
 * HTTP, for a browser, at any path ending in {@code /authorize}, which signs in {@link #signInAs}
 * at once and sends the browser back with a code. It issues, refreshes (rotating refresh tokens
 * when asked), revokes and refuses tokens for the client credentials, refresh token, authorization
 * code (PKCE S256 required) and JWT bearer grants, and can go down and come back on the same port.
 */
public final class TestOAuth2Provider implements AutoCloseable {

    private final ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "test-oauth2-provider");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, String> clients = new ConcurrentHashMap<>();
    private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, SignIn> codes = new ConcurrentHashMap<>();
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<String> accessTokens = new CopyOnWriteArrayList<>();
    private final JwtBearerAssertions assertions = new JwtBearerAssertions();
    private final int tokenPort;
    private final HttpServer signInPage;
    private HttpsServer tokenEndpoint;
    private volatile Duration accessTokenLifetime = Duration.ofHours(1);
    private volatile boolean rotateRefreshTokens;
    private volatile String signedInAccount = "ana@xpto.example";
    private volatile String fixedAccessToken;

    private TestOAuth2Provider() throws IOException {
        this.tokenEndpoint = tokenEndpoint(0);
        this.tokenPort = tokenEndpoint.getAddress().getPort();
        this.signInPage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        signInPage.createContext("/", this::signIn);
        signInPage.setExecutor(threads);
        signInPage.start();
    }

    /** Starts both listeners on free ports of 127.0.0.1. */
    public static TestOAuth2Provider start() {
        try {
            return new TestOAuth2Provider();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The test OAuth2 provider cannot start", ex);
        }
    }

    /** {@code https://127.0.0.1:<port>}: a token endpoint is this plus any path ending in {@code /token}. */
    public String tokenBase() {
        return "https://127.0.0.1:" + tokenPort;
    }

    /** A token endpoint URL, {@code https://127.0.0.1:<port>/oauth2/token}. */
    public String tokenUri() {
        return tokenBase() + "/oauth2/token";
    }

    /** {@code http://127.0.0.1:<port>}: a sign-in page is this plus any path ending in {@code /authorize}. */
    public String signInBase() {
        return "http://127.0.0.1:" + signInPage.getAddress().getPort();
    }

    /** A client that authenticates with {@code secret}, or a public client for {@code null}. */
    public void registerClient(String clientId, String secret) {
        clients.put(clientId, secret == null ? "" : secret);
    }

    /** Accepts assertions issued by {@code issuer} and signed with the private key of {@code key}. */
    public void trustAssertionsOf(String issuer, PublicKey key) {
        assertions.trust(issuer, key);
    }

    /** A refresh token for {@code clientId}, as if someone had signed in. */
    public String issueRefreshToken(String clientId) {
        String token = "rt-" + UUID.randomUUID();
        refreshTokens.put(token, clientId);
        return token;
    }

    /** The refresh token no longer works: the next refresh with it is {@code invalid_grant}. */
    public void revoke(String refreshToken) {
        refreshTokens.remove(refreshToken);
    }

    /** Whether each refresh hands out a new refresh token and invalidates the one used. */
    public void rotateRefreshTokens(boolean rotate) {
        rotateRefreshTokens = rotate;
    }

    /** The {@code expires_in} of tokens issued from now on; default one hour. */
    public void accessTokenLifetime(Duration lifetime) {
        accessTokenLifetime = lifetime;
    }

    /**
     * Issues {@code value} as every access token from now on ({@code null}: a new random one each
     * time), so that a mail server can be told which token to accept (GreenMail takes the user's
     * password as the XOAUTH2 token).
     */
    public void issueAccessTokensAs(String value) {
        fixedAccessToken = value;
    }

    /** The account the sign-in page signs in, named in the id token's {@code email}. */
    public void signInAs(String account) {
        signedInAccount = account;
    }

    /** Every token request so far, its form parameters in order (and {@code client_id} of HTTP Basic). */
    public List<Map<String, String>> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /** Every access token issued so far, in order. */
    public List<String> accessTokens() {
        return List.copyOf(accessTokens);
    }

    /** The refresh tokens that work now. */
    public List<String> validRefreshTokens() {
        return List.copyOf(refreshTokens.keySet());
    }

    /** Stops the token endpoint: connections to it are refused until {@link #comeBack()}. */
    public synchronized void goDown() {
        tokenEndpoint.stop(0);
    }

    /** Listens again on the same port. */
    public synchronized void comeBack() {
        try {
            tokenEndpoint = tokenEndpoint(tokenPort);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The token endpoint cannot listen on port " + tokenPort + " again", ex);
        }
    }

    @Override
    public synchronized void close() {
        tokenEndpoint.stop(0);
        signInPage.stop(0);
        threads.shutdownNow();
    }

    private HttpsServer tokenEndpoint(int port) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestCertificate.serverContext()));
        server.createContext("/", this::token);
        server.setExecutor(threads);
        server.start();
        return server;
    }

    private void signIn(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String redirect = query.get("redirect_uri");
        boolean known = clients.containsKey(String.valueOf(query.get("client_id")));
        if (!exchange.getRequestURI().getPath().endsWith("/authorize") || !known || redirect == null
                || !"S256".equals(query.get("code_challenge_method")) || query.get("code_challenge") == null) {
            answer(exchange, 400, "text/plain", "not a sign-in request this provider takes: " + query.keySet());
            return;
        }
        String code = "code-" + UUID.randomUUID();
        codes.put(code, new SignIn(query.get("client_id"), redirect, query.get("code_challenge"), signedInAccount));
        exchange.getResponseHeaders().add("Location", redirect + (redirect.contains("?") ? "&" : "?") + "code="
                + code + "&state=" + URLEncoder.encode(query.getOrDefault("state", ""), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> request = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            request.put("client_id", URLDecoder.decode(pair[0], StandardCharsets.UTF_8));
            request.put("client_secret", URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
        }
        tokenRequests.add(Map.copyOf(request));
        String grant = request.getOrDefault("grant_type", "");
        if (!exchange.getRequestURI().getPath().endsWith("/token") || !"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, 404, "text/plain", "no token endpoint here");
        }
        else if (grant.equals("urn:ietf:params:oauth:grant-type:jwt-bearer")) {
            jwtBearer(exchange, request);
        }
        else if (!clientAuthenticates(request)) {
            error(exchange, 401, "invalid_client", "unknown client or wrong secret");
        }
        else {
            switch (grant) {
                case "client_credentials" -> issue(exchange, request, null, null);
                case "refresh_token" -> refresh(exchange, request);
                case "authorization_code" -> exchangeCode(exchange, request);
                default -> error(exchange, 400, "unsupported_grant_type", grant);
            }
        }
    }

    private boolean clientAuthenticates(Map<String, String> request) {
        String expected = clients.get(String.valueOf(request.get("client_id")));
        return expected != null && expected.equals(request.getOrDefault("client_secret", ""));
    }

    private void refresh(HttpExchange exchange, Map<String, String> request) throws IOException {
        String used = request.get("refresh_token");
        if (used == null || !request.get("client_id").equals(refreshTokens.get(used))) {
            error(exchange, 400, "invalid_grant", "the refresh token is revoked, expired or unknown");
            return;
        }
        String next = null;
        if (rotateRefreshTokens) {
            refreshTokens.remove(used);
            next = issueRefreshToken(request.get("client_id"));
        }
        issue(exchange, request, next, null);
    }

    private void exchangeCode(HttpExchange exchange, Map<String, String> request) throws IOException {
        SignIn signIn = codes.remove(String.valueOf(request.get("code")));
        String verifier = request.getOrDefault("code_verifier", "");
        if (signIn == null || !signIn.clientId().equals(request.get("client_id"))
                || !signIn.redirectUri().equals(request.get("redirect_uri")) || !signIn.challenge().equals(s256(verifier))) {
            error(exchange, 400, "invalid_grant", "unknown code, other redirect_uri or wrong PKCE code_verifier");
            return;
        }
        String idToken = unsignedJwt("{\"iss\":\"" + tokenBase() + "\",\"aud\":\"" + signIn.clientId()
                + "\",\"sub\":\"" + UUID.randomUUID() + "\",\"email\":\"" + signIn.account() + "\"}");
        issue(exchange, request, issueRefreshToken(signIn.clientId()), idToken);
    }

    private void jwtBearer(HttpExchange exchange, Map<String, String> request) throws IOException {
        String problem = assertions.problemWith(request.get("assertion"), tokenBase());
        if (problem != null) {
            error(exchange, 400, "invalid_grant", problem);
            return;
        }
        issue(exchange, request, null, null);
    }

    private void issue(HttpExchange exchange, Map<String, String> request, String refreshToken, String idToken)
            throws IOException {
        String fixed = fixedAccessToken;
        String accessToken = fixed != null ? fixed : "at-" + UUID.randomUUID();
        accessTokens.add(accessToken);
        StringBuilder json = new StringBuilder("{\"access_token\":\"").append(accessToken)
                .append("\",\"token_type\":\"Bearer\",\"expires_in\":").append(accessTokenLifetime.toSeconds());
        if (request.get("scope") != null) {
            json.append(",\"scope\":\"").append(request.get("scope")).append('"');
        }
        if (refreshToken != null) {
            json.append(",\"refresh_token\":\"").append(refreshToken).append('"');
        }
        if (idToken != null) {
            json.append(",\"id_token\":\"").append(idToken).append('"');
        }
        answer(exchange, 200, "application/json", json.append('}').toString());
    }

    private static void error(HttpExchange exchange, int status, String error, String description) throws IOException {
        answer(exchange, status, "application/json", "{\"error\":\"" + error + "\",\"error_description\":\""
                + description.replace("\"", "'") + "\"}");
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type + ";charset=UTF-8");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            values.put(name, equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", ex);
        }
    }

    private static String unsignedJwt(String claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".";
    }

    /** A code handed out by the sign-in page, waiting for its exchange. */
    private record SignIn(String clientId, String redirectUri, String challenge, String account) {
    }
}
