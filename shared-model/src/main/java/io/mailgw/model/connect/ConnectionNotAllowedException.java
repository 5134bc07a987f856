package io.mailgw.model.connect;

import java.io.IOException;

/**
 * The guard refused a connection; the message says why and how an operator allows it, in plain
 * words, such as {@code imap.x.example resolves to 10.0.0.5, a private address; refused. Allow it
 * with MAILGW_CONNECT_ALLOW=10.0.0.0/8}. Permanent: trying again cannot help until the
 * configuration changes. An {@link IOException}, so that it can leave a socket factory.
 */
public class ConnectionNotAllowedException extends IOException {

    public ConnectionNotAllowedException(String message) {
        super(message);
    }
}
