package io.mailgw.model.auth;

/**
 * The write-only secrets of a mailbox's login, each by the name of its JSON field (CONTRACT §4).
 * A response says only whether one is set ({@code passwordSet}, {@code clientSecretSet}, ...).
 */
public enum SecretField {
    PASSWORD("password"),
    CLIENT_SECRET("clientSecret"),
    REFRESH_TOKEN("refreshToken"),
    SERVICE_ACCOUNT_KEY("serviceAccountKey");

    private final String json;

    SecretField(String json) {
        this.json = json;
    }

    /** The name of the field in the mailbox JSON: {@code password} at the top, the others in {@code auth}. */
    public String jsonName() {
        return json;
    }

    /** The field's path in the mailbox JSON, as a validation error names it: {@code password}, {@code auth.clientSecret}. */
    public String path() {
        return this == PASSWORD ? json : "auth." + json;
    }
}
