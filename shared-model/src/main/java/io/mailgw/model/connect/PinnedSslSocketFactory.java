package io.mailgw.model.connect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS over a socket already connected to the checked address, spoken to the host name as
 * configured: the server name indication and the certificate check use that name, not the IP
 * literal Jakarta Mail connected with. Given to Jakarta Mail as {@code mail.<protocol>.ssl.socketFactory},
 * which it uses for implicit TLS and for STARTTLS alike. The trust is the mailbox's ({@link ServerTrust}).
 */
final class PinnedSslSocketFactory extends SSLSocketFactory {

    /** Host name verification as for LDAPS, the rules Jakarta Mail applies to mail servers. */
    static final String HOST_NAME_CHECK = "LDAPS";

    private final SSLSocketFactory tls;
    private final CheckedAddress checked;
    private final PinnedSocketFactory plain;
    private final AtomicBoolean used;

    /**
     * @param used set once this factory secured a connection, so that a caller can tell whether
     *             STARTTLS took place
     */
    PinnedSslSocketFactory(SSLSocketFactory tls, CheckedAddress checked, AtomicBoolean used) {
        this.tls = tls;
        this.checked = checked;
        this.plain = new PinnedSocketFactory(checked);
        this.used = used;
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        if (!checked.isChecked(socket.getInetAddress())) {
            throw new ConnectionNotAllowedException("TLS was asked over a connection to " + socket.getInetAddress()
                    + ", which is not the checked address of " + checked.host() + "; refused");
        }
        SSLSocket secured = (SSLSocket) tls.createSocket(socket, checked.host(), port, autoClose);
        SSLParameters parameters = secured.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm(HOST_NAME_CHECK);
        secured.setSSLParameters(parameters);
        used.set(true);
        return secured;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket(plain.createSocket(host, port), host, port, true);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket(plain.createSocket(host, port, localHost, localPort), host, port, true);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(plain.createSocket(host, port), host.getHostAddress(), port, true);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return createSocket(plain.createSocket(address, port, localAddress, localPort), address.getHostAddress(), port,
                true);
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return tls.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }

    @Override
    public String toString() {
        return "PinnedSslSocketFactory[" + checked.host() + " at " + checked.addresses() + "]";
    }
}
