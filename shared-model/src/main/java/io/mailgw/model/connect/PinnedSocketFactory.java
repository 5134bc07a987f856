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
 * Jakarta Mail as {@code mail.<protocol>.socketFactory}. With {@code channels}, each socket is
 * backed by a {@link java.nio.channels.SocketChannel}, as Angus Mail's {@code IdleManager} needs.
 */
final class PinnedSocketFactory extends SocketFactory {

    private final CheckedAddress checked;
    private final boolean channels;

    PinnedSocketFactory(CheckedAddress checked) {
        this(checked, false);
    }

    PinnedSocketFactory(CheckedAddress checked, boolean channels) {
        this.checked = checked;
        this.channels = channels;
    }

    @Override
    public Socket createSocket() throws IOException {
        return channels ? new PinnedChannelSocket(checked) : new PinnedSocket(checked);
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
        return "PinnedSocketFactory[" + checked.host() + " at " + checked.addresses() + (channels ? ", channels" : "")
                + "]";
    }

    /**
     * The checked address and port when {@code endpoint} names them.
     *
     * @throws ConnectionNotAllowedException when it names anything else
     */
    static InetSocketAddress pinned(CheckedAddress checked, SocketAddress endpoint) throws ConnectionNotAllowedException {
        InetSocketAddress target = (InetSocketAddress) endpoint;
        InetAddress address = target.isUnresolved() ? null : target.getAddress();
        if (address == null || !checked.isChecked(address) || target.getPort() != checked.port()) {
            throw new ConnectionNotAllowedException("connecting to " + target.getHostString() + ":"
                    + target.getPort() + " was asked, but only " + checked.host() + " at "
                    + checked.address().getHostAddress() + ":" + checked.port() + " was checked; refused");
        }
        return new InetSocketAddress(address, checked.port());
    }

    /** A socket that connects to the checked address and port, or not at all. */
    private static final class PinnedSocket extends Socket {

        private final CheckedAddress checked;

        PinnedSocket(CheckedAddress checked) {
            this.checked = checked;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            super.connect(pinned(checked, endpoint), timeout);
        }
    }
}
