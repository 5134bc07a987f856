package io.mailgw.model.connect;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for one mail server: the JVM's default authorities, plus the mailbox's
 * {@code trustedCertificatePem} (a CA, or the server's own certificate) when it has one. The
 * extra certificate is trusted for connections of that mailbox only; nothing here trusts all,
 * and the host name is still verified.
 */
final class ServerTrust {

    private ServerTrust() {
    }

    /**
     * @param trustedCertificatePem PEM of one or more X.509 certificates, or {@code null} for the JVM's trust alone
     * @throws SSLException when the PEM holds no usable certificate or the JVM has no TLS
     */
    static SSLSocketFactory socketFactory(String trustedCertificatePem) throws SSLException {
        return context(trustedCertificatePem).getSocketFactory();
    }

    /**
     * The same trust as a TLS context, for clients that take one.
     *
     * @throws SSLException when the PEM holds no usable certificate or the JVM has no TLS
     */
    static SSLContext context(String trustedCertificatePem) throws SSLException {
        try {
            if (trustedCertificatePem == null || trustedCertificatePem.isBlank()) {
                return SSLContext.getDefault();
            }
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int index = 0;
            for (X509Certificate authority : JvmAuthorities.ALL) {
                anchors.setCertificateEntry("jvm-" + index++, authority);
            }
            index = 0;
            for (Certificate certificate : certificates(trustedCertificatePem)) {
                anchors.setCertificateEntry("mailbox-" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
        catch (GeneralSecurityException | java.io.IOException ex) {
            throw new SSLException("the mailbox's trusted certificate cannot be used (" + ex.getMessage() + ")", ex);
        }
    }

    private static Collection<? extends Certificate> certificates(String pem) throws GeneralSecurityException {
        Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (certificates.isEmpty()) {
            throw new java.security.cert.CertificateException("no PEM certificate in trustedCertificatePem");
        }
        return certificates;
    }

    /** The authorities the JVM trusts by default, read once. */
    private static final class JvmAuthorities {

        static final List<X509Certificate> ALL = read();

        private static List<X509Certificate> read() {
            try {
                TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                factory.init((KeyStore) null);
                for (TrustManager manager : factory.getTrustManagers()) {
                    if (manager instanceof X509TrustManager x509) {
                        return List.of(x509.getAcceptedIssuers());
                    }
                }
                return List.of();
            }
            catch (GeneralSecurityException ex) {
                throw new IllegalStateException("The JVM's default trust store cannot be read", ex);
            }
        }
    }
}
