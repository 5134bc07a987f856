package io.mailgw.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@link TestOAuth2Provider} checks of a JWT bearer assertion (RFC 7523): RS256 signed by a
 * trusted issuer's key, for this provider's token endpoint, naming a subject, not expired.
 */
final class JwtBearerAssertions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, PublicKey> issuers = new ConcurrentHashMap<>();

    void trust(String issuer, PublicKey key) {
        issuers.put(issuer, key);
    }

    /** What is wrong with {@code assertion}, or {@code null} when the provider takes it. */
    String problemWith(String assertion, String tokenBase) {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.");
        if (parts.length != 3) {
            return "the assertion is not a signed JWT";
        }
        try {
            JsonNode header = JSON.readTree(decode(parts[0]));
            JsonNode claims = JSON.readTree(decode(parts[1]));
            PublicKey key = issuers.get(text(claims, "iss"));
            if (key == null || !"RS256".equals(text(header, "alg"))) {
                return "the assertion's issuer is unknown or it is not RS256";
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return "the assertion's signature does not verify";
            }
            return claimsProblem(claims, tokenBase);
        }
        catch (JacksonException | IllegalArgumentException | GeneralSecurityException ex) {
            return "the assertion cannot be read: " + ex.getClass().getSimpleName();
        }
    }

    private static String claimsProblem(JsonNode claims, String tokenBase) {
        JsonNode audience = claims.get("aud");
        String aud = audience == null ? "" : audience.isArray() ? audience.get(0).stringValue() : audience.stringValue();
        if (!aud.startsWith(tokenBase)) {
            return "the assertion is for another audience: " + aud;
        }
        if (text(claims, "sub") == null) {
            return "the assertion names no subject";
        }
        JsonNode expires = claims.get("exp");
        if (expires == null || Instant.ofEpochSecond(expires.asLong()).isBefore(Instant.now())) {
            return "the assertion has expired";
        }
        return null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() ? null : value.stringValue();
    }

    private static String decode(String base64Url) {
        return new String(Base64.getUrlDecoder().decode(base64Url), StandardCharsets.UTF_8);
    }
}
