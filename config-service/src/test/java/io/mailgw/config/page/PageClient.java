package io.mailgw.config.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without a browser: keeps cookies (the session, the language), follows no redirect,
 * and reads the CSRF token out of the forms of the last page it got, as a browser submits it.
 */
final class PageClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String acceptLanguage;
    private String csrfToken;

    PageClient(int port, String acceptLanguage) {
        this.base = "http://127.0.0.1:" + port;
        this.acceptLanguage = acceptLanguage;
    }

    HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** Posts the form with the CSRF token of the last page read, as the page's own forms do. */
    HttpResponse<String> submit(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        withToken.put("_csrf", csrfToken);
        return postForm(path, withToken);
    }

    /** Posts the form exactly as given: without a CSRF token unless it has one. */
    HttpResponse<String> postForm(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(body)));
    }

    /** Signs in through the login form; answers the login's response (a redirect). */
    HttpResponse<String> signIn(String user, String password) {
        get("/login");
        return submit("/login", Map.of("username", user, "password", password));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html").header("Accept-Language", acceptLanguage);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
            Matcher token = CSRF.matcher(response.body());
            if (token.find()) {
                csrfToken = token.group(1);
            }
            return response;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Request to the page failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Request to the page interrupted", ex);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
