package io.mailgw.config.security;

/** No API user exists and the environment names no first admin: the service refuses to start. */
class FirstAdminMissingException extends IllegalStateException {

    FirstAdminMissingException() {
        super("No API user exists yet, and MAILGW_ADMIN_USER / MAILGW_ADMIN_PASSWORD (properties "
                + FirstAdminCreator.USER_PROPERTY + ", " + FirstAdminCreator.PASSWORD_PROPERTY
                + ") are not both set, so nobody could sign in");
    }
}
