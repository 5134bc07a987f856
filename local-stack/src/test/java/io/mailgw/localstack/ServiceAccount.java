package io.mailgw.localstack;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;

/** A Google-style service account of a test: its RSA key pair and the JSON key file Google would issue. */
record ServiceAccount(String email, KeyPair keys) {

    static ServiceAccount create(String email) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return new ServiceAccount(email, generator.generateKeyPair());
    }

    PublicKey publicKey() {
        return keys.getPublic();
    }

    /** The private key as the base64 of its PKCS #8 encoding, as it stands in the key file. */
    String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
    }

    /** The key file, as a JSON value. */
    String keyJson() {
        return "{\"type\": \"service_account\", \"client_email\": \"" + email + "\", \"private_key_id\": \"k1\", "
                + "\"private_key\": \"-----BEGIN PRIVATE KEY-----\\n" + privateKeyBase64()
                + "\\n-----END PRIVATE KEY-----\\n\"}";
    }

    @Override
    public String toString() {
        return "ServiceAccount[" + email + "]";
    }
}
