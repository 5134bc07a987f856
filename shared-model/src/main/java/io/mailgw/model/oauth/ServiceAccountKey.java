package io.mailgw.model.oauth;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * A Google service account's JSON key, as Google hands it out, and the assertion it signs for the
 * JWT bearer grant (RFC 7523): issued by the service account, for {@code subject}, to the token
 * endpoint, with the mail scopes, valid for one hour at most. Not a record: the key must never
 * print.
 */
public final class ServiceAccountKey {

    /** Google accepts assertions valid for one hour at most. */
    private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(60);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String clientEmail;
    private final String keyId;
    private final RSAPrivateCrtKey privateKey;

    private ServiceAccountKey(String clientEmail, String keyId, RSAPrivateCrtKey privateKey) {
        this.clientEmail = clientEmail;
        this.keyId = keyId;
        this.privateKey = privateKey;
    }

    /**
     * @param json the key file's content
     * @throws IllegalArgumentException in plain words, never quoting the key, when it is not a
     *                                  service account key with an RSA private key
     */
    public static ServiceAccountKey parse(String json) {
        JsonNode key;
        try {
            key = JSON.readTree(json);
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("not JSON: give the service account's key file as Google issued it");
        }
        String clientEmail = text(key, "client_email");
        String pem = text(key, "private_key");
        if (clientEmail == null || pem == null) {
            throw new IllegalArgumentException("not a service account key: client_email and private_key are required");
        }
        return new ServiceAccountKey(clientEmail, text(key, "private_key_id"), privateKey(pem));
    }

    /** The service account's address, the assertion's issuer. */
    public String clientEmail() {
        return clientEmail;
    }

    /**
     * @param subject  the user the service account acts for
     * @param audience the token endpoint the assertion is for
     */
    Jwt assertion(String subject, String audience, List<String> scopes, Instant now) {
        NimbusJwtEncoder encoder = NimbusJwtEncoder.withKeyPair(publicKey(), privateKey)
                .algorithm(SignatureAlgorithm.RS256)
                .jwkPostProcessor(jwk -> jwk.keyID(keyId)).build();
        JwsHeader.Builder header = JwsHeader.with(SignatureAlgorithm.RS256);
        if (keyId != null) {
            header.keyId(keyId);
        }
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(clientEmail).subject(subject).audience(List.of(audience))
                .claim("scope", String.join(" ", scopes)).issuedAt(now).expiresAt(now.plus(ASSERTION_LIFETIME)).build();
        return encoder.encode(JwtEncoderParameters.from(header.build(), claims));
    }

    private RSAPublicKey publicKey() {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("RSA is not available in this JVM", ex);
        }
    }

    private static RSAPrivateCrtKey privateKey(String pem) {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s+", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            if (KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof RSAPrivateCrtKey rsa
                    && rsa.getModulus().bitLength() >= 2048 && !BigInteger.ZERO.equals(rsa.getPublicExponent())) {
                return rsa;
            }
        }
        catch (IllegalArgumentException | GeneralSecurityException ex) {
            // named below, without the key
        }
        throw new IllegalArgumentException("private_key is not an RSA private key of 2048 bits or more in PKCS #8 PEM");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() && !value.stringValue().isBlank() ? value.stringValue() : null;
    }

    @Override
    public String toString() {
        return "ServiceAccountKey[" + clientEmail + "]";
    }
}
