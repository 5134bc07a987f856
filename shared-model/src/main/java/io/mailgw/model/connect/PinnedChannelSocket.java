package io.mailgw.model.connect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.SocketChannel;

/**
 * A socket backed by a {@link SocketChannel} that connects to the checked address and port, or
 * not at all. Angus Mail's {@code IdleManager} watches thousands of IMAP connections from one
 * selector thread and so needs the channel behind each socket ({@link #getChannel()}); a channel's
 * own socket cannot be subclassed, so this one hands every call on to it.
 */
final class PinnedChannelSocket extends Socket {

    private final CheckedAddress checked;
    private final Socket channelSocket;

    PinnedChannelSocket(CheckedAddress checked) throws IOException {
        this.checked = checked;
        this.channelSocket = SocketChannel.open().socket();
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        channelSocket.connect(PinnedSocketFactory.pinned(checked, endpoint), timeout);
    }

    @Override
    public SocketChannel getChannel() {
        return channelSocket.getChannel();
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        channelSocket.bind(local);
    }

    @Override
    public InputStream getInputStream() throws IOException {
        return channelSocket.getInputStream();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return channelSocket.getOutputStream();
    }

    @Override
    public InetAddress getInetAddress() {
        return channelSocket.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return channelSocket.getLocalAddress();
    }

    @Override
    public int getPort() {
        return channelSocket.getPort();
    }

    @Override
    public int getLocalPort() {
        return channelSocket.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return channelSocket.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return channelSocket.getLocalSocketAddress();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        channelSocket.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return channelSocket.getSoTimeout();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        channelSocket.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return channelSocket.getTcpNoDelay();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        channelSocket.setKeepAlive(on);
    }

    @Override
    public boolean getKeepAlive() throws SocketException {
        return channelSocket.getKeepAlive();
    }

    @Override
    public void setSoLinger(boolean on, int linger) throws SocketException {
        channelSocket.setSoLinger(on, linger);
    }

    @Override
    public int getSoLinger() throws SocketException {
        return channelSocket.getSoLinger();
    }

    @Override
    public void shutdownInput() throws IOException {
        channelSocket.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        channelSocket.shutdownOutput();
    }

    @Override
    public boolean isConnected() {
        return channelSocket.isConnected();
    }

    @Override
    public boolean isBound() {
        return channelSocket.isBound();
    }

    @Override
    public boolean isClosed() {
        return channelSocket.isClosed();
    }

    @Override
    public boolean isInputShutdown() {
        return channelSocket.isInputShutdown();
    }

    @Override
    public boolean isOutputShutdown() {
        return channelSocket.isOutputShutdown();
    }

    @Override
    public void close() throws IOException {
        channelSocket.close();
    }

    @Override
    public String toString() {
        return "PinnedChannelSocket[" + checked.host() + " at " + channelSocket + "]";
    }
}
