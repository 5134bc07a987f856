package io.mailgw.model.auth;

import java.util.Map;
import java.util.Set;

import io.mailgw.model.secret.EncryptedSecret;

/**
 * A login with user name and password (CONTRACT §4, {@code {"method": "PASSWORD"}}, the default),
 * the password sent to the mail server with the protocol's plain mechanisms.
 *
 * @param password {@code null} until one is set
 */
public record PasswordLogin(EncryptedSecret password) implements MailboxAuth {

    @Override
    public AuthMethod method() {
        return AuthMethod.PASSWORD;
    }

    @Override
    public Set<SecretField> secretFields() {
        return Set.of(SecretField.PASSWORD);
    }

    @Override
    public Map<SecretField, EncryptedSecret> secrets() {
        return password == null ? Map.of() : Map.of(SecretField.PASSWORD, password);
    }

    @Override
    public PasswordLogin withSecret(SecretField field, EncryptedSecret value) {
        if (field != SecretField.PASSWORD) {
            throw new IllegalArgumentException("a password login has no " + field.jsonName());
        }
        return new PasswordLogin(value);
    }
}
