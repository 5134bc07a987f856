package io.mailgw.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.icegreen.greenmail.util.ServerSetup;

/**
 * A self-signed certificate for {@code 127.0.0.1} (subject alternative name {@code ip:127.0.0.1}, no
 * host name) that GreenMail's TLS servers (IMAPS, POP3S, SMTPS) and this module's {@code ScriptedSmtpServer}
 * present, made once per JVM with the JDK's {@code keytool}. No JVM trusts it, so a client trusts it only when given {@link #pem()};
 * GreenMail's own bundled certificate names no address at all, so no client can verify it.
 */
public final class TestCertificate {

    private static final String PASSWORD = "greenmail-test";
    private static final String ALIAS = "greenmail";

    private TestCertificate() {
    }

    /** The certificate as PEM, as an admin pastes it into a mailbox's {@code trustedCertificatePem}. */
    public static String pem() {
        return Holder.PEM;
    }

    /**
     * A TLS server context that presents this certificate, for this module's own servers (the
     * {@code ScriptedSmtpServer}, the {@code TestOAuth2Provider}); a new context on each call.
     */
    public static SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(Holder.KEYS, PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("A TLS server context cannot be made with the test certificate", ex);
        }
    }

    /**
     * A TLS client context that trusts this certificate and nothing else, for a test's own client of a server
     * that presents it; a new context on each call.
     */
    public static SSLContext trustingContext() {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry(ALIAS, Holder.CERTIFICATE);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
        catch (GeneralSecurityException | IOException ex) {
            throw new IllegalStateException("A TLS client context cannot be made to trust the test certificate", ex);
        }
    }

    /**
     * Makes GreenMail's TLS servers present this certificate and returns {@code setups} unchanged, for a
     * {@code GreenMailExtension} field. GreenMail reads its key once per JVM, when its first TLS server
     * starts; this fails at once if that happened before with another key.
     */
    public static ServerSetup[] presentedBy(ServerSetup... setups) {
        Certificate certificate = Holder.CERTIFICATE;
        KeyStore greenMailKeys = ((DummySSLServerSocketFactory) DummySSLServerSocketFactory.getDefault()).getKeyStore();
        try {
            if (greenMailKeys.getCertificateAlias(certificate) == null) {
                throw new IllegalStateException("GreenMail loaded its TLS key before TestCertificate could give it "
                        + "this one; call TestCertificate.presentedBy before the first GreenMail TLS server of this JVM");
            }
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("GreenMail's key store cannot be read", ex);
        }
        return setups;
    }

    /** Made on first use, before GreenMail reads its key. */
    private static final class Holder {

        static final KeyStore KEYS = create();
        static final Certificate CERTIFICATE = certificate();
        static final String PEM = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(encoded())
                + "\n-----END CERTIFICATE-----\n";

        private static KeyStore create() {
            try {
                Path keyStore = Files.createTempDirectory("mailgw-tls").resolve("greenmail.p12");
                keyStore.getParent().toFile().deleteOnExit();
                keytool(keyStore);
                keyStore.toFile().deleteOnExit();
                System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_FILE_PROPERTY, keyStore.toString());
                System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEYSTORE_PASSWORD_PROPERTY, PASSWORD);
                System.setProperty(DummySSLServerSocketFactory.GREENMAIL_KEY_PASSWORD_PROPERTY, PASSWORD);
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(keyStore)) {
                    keys.load(in, PASSWORD.toCharArray());
                }
                return keys;
            }
            catch (IOException ex) {
                throw new UncheckedIOException("The test certificate cannot be made", ex);
            }
            catch (GeneralSecurityException ex) {
                throw new IllegalStateException("The test certificate cannot be read", ex);
            }
        }

        private static Certificate certificate() {
            try {
                return KEYS.getCertificate(ALIAS);
            }
            catch (GeneralSecurityException ex) {
                throw new IllegalStateException("The test certificate cannot be read", ex);
            }
        }

        private static void keytool(Path keyStore) throws IOException {
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1, O=mailgw tests",
                    "-ext", "SAN=ip:127.0.0.1", "-validity", "30", "-storetype", "PKCS12",
                    "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"))
                    .redirectErrorStream(true).start();
            try {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IOException("keytool failed: " + output);
                }
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while keytool made the test certificate", ex);
            }
        }

        private static byte[] encoded() {
            try {
                return CERTIFICATE.getEncoded();
            }
            catch (GeneralSecurityException ex) {
                throw new IllegalStateException("The test certificate cannot be encoded", ex);
            }
        }
    }
}
