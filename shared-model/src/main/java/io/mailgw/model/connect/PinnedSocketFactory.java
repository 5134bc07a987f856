package io.mailgw.model.connect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;

import javax.net.SocketFactory;

/**
 * Plain sockets that connect only to an address the guard checked, whatever address they are
 * asked for: Jakarta Mail names the checked IP literal, and anything else is refused. Given to
 * Jakarta Mail as {@code mail.<protocol>.socketFactory}.
 */
final class PinnedSocketFactory extends SocketFactory {

    private final CheckedAddress checked;

    PinnedSocketFactory(CheckedAddress checked) {
        this.checked = checked;
    }

    @Override
    public Socket createSocket() {
        return new PinnedSocket(checked);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(checked.address(), port));
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localHost, localPort));
        socket.connect(new InetSocketAddress(checked.address(), port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        Socket socket = createSocket();
        socket.connect(new InetSocketAddress(host, port));
        return socket;
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        Socket socket = createSocket();
        socket.bind(new InetSocketAddress(localAddress, localPort));
        socket.connect(new InetSocketAddress(address, port));
        return socket;
    }

    @Override
    public String toString() {
        return "PinnedSocketFactory[" + checked.host() + " at " + checked.addresses() + "]";
    }

    /** A socket that connects to the checked address and port, or not at all. */
    private static final class PinnedSocket extends Socket {

        private final CheckedAddress checked;

        PinnedSocket(CheckedAddress checked) {
            this.checked = checked;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            InetSocketAddress target = (InetSocketAddress) endpoint;
            InetAddress address = target.isUnresolved() ? null : target.getAddress();
            if (address == null || !checked.isChecked(address) || target.getPort() != checked.port()) {
                throw new ConnectionNotAllowedException("connecting to " + target.getHostString() + ":"
                        + target.getPort() + " was asked, but only " + checked.host() + " at "
                        + checked.address().getHostAddress() + ":" + checked.port() + " was checked; refused");
            }
            super.connect(new InetSocketAddress(address, checked.port()), timeout);
        }
    }
}
