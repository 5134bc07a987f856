package io.mailgw.model.connect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.function.Consumer;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories that hand every socket they make to a listener before Jakarta Mail uses it, so
 * that the owner of a connection can close its socket from another thread: the one way to end a
 * blocking read on a server that stopped answering before its timeout.
 */
final class ObservedSockets {

    private ObservedSockets() {
    }

    static SocketFactory plain(SocketFactory delegate, Consumer<Socket> opened) {
        return new Plain(delegate, opened);
    }

    static SSLSocketFactory tls(SSLSocketFactory delegate, Consumer<Socket> opened) {
        return new Tls(delegate, opened);
    }

    private static <S extends Socket> S seen(S socket, Consumer<Socket> opened) {
        opened.accept(socket);
        return socket;
    }

    private static final class Plain extends SocketFactory {

        private final SocketFactory delegate;
        private final Consumer<Socket> opened;

        Plain(SocketFactory delegate, Consumer<Socket> opened) {
            this.delegate = delegate;
            this.opened = opened;
        }

        @Override
        public Socket createSocket() throws IOException {
            return seen(delegate.createSocket(), opened);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return seen(delegate.createSocket(host, port), opened);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return seen(delegate.createSocket(host, port, localHost, localPort), opened);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return seen(delegate.createSocket(host, port), opened);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return seen(delegate.createSocket(address, port, localAddress, localPort), opened);
        }
    }

    private static final class Tls extends SSLSocketFactory {

        private final SSLSocketFactory delegate;
        private final Consumer<Socket> opened;

        Tls(SSLSocketFactory delegate, Consumer<Socket> opened) {
            this.delegate = delegate;
            this.opened = opened;
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return seen(delegate.createSocket(socket, host, port, autoClose), opened);
        }

        @Override
        public Socket createSocket() throws IOException {
            return seen(delegate.createSocket(), opened);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return seen(delegate.createSocket(host, port), opened);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return seen(delegate.createSocket(host, port, localHost, localPort), opened);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return seen(delegate.createSocket(host, port), opened);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return seen(delegate.createSocket(address, port, localAddress, localPort), opened);
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }
    }
}
