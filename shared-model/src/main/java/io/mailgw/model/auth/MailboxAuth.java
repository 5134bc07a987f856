package io.mailgw.model.auth;

import java.util.Map;
import java.util.Set;

import io.mailgw.model.secret.EncryptedSecret;

/**
 * How a mailbox logs in (CONTRACT §4, {@code auth}): a {@link PasswordLogin}, or one of the OAuth2
 * grants of {@link OAuth2Login}. Its secrets are stored encrypted only and are written, never read,
 * through the API.
 */
public sealed interface MailboxAuth permits PasswordLogin, OAuth2Login {

    AuthMethod method();

    /** The secret fields this kind of login has, set or not. */
    Set<SecretField> secretFields();

    /** The secrets that are set, by field. */
    Map<SecretField, EncryptedSecret> secrets();

    /**
     * The same login with {@code value} (or none, for {@code null}) in {@code field}.
     *
     * @throws IllegalArgumentException when this kind of login has no such field
     */
    MailboxAuth withSecret(SecretField field, EncryptedSecret value);

    default boolean hasSecret(SecretField field) {
        return secrets().containsKey(field);
    }

    /** A password login without password, the default of a new mailbox. */
    static MailboxAuth none() {
        return new PasswordLogin(null);
    }
}
