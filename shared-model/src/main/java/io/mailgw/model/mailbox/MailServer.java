package io.mailgw.model.mailbox;

/**
 * Where a mailbox's server is, and what to trust there.
 *
 * @param host                  a host name or IP literal, as configured
 * @param port                  {@code null} until the defaults give the protocol's standard port
 * @param trustedCertificatePem a CA or server certificate to trust for this server besides the
 *                              JVM's authorities, or {@code null}
 */
public record MailServer(String host, Integer port, String trustedCertificatePem) {

    MailServer withPortIfAbsent(int standardPort) {
        return port != null ? this : new MailServer(host, standardPort, trustedCertificatePem);
    }
}
