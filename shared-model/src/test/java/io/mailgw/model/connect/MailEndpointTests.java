package io.mailgw.model.connect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import javax.net.SocketFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;

import io.mailgw.model.mailbox.MailServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What Jakarta Mail is given for a checked server, and that its sockets go nowhere else. */
class MailEndpointTests {

    private final ConnectGuard guard = new ConnectGuard(
            ConnectGuardTests.properties(List.of("127.0.0.0/8"), List.of("25,1024-65535")),
            ConnectGuardTests.resolver(Map.of("mail.pinned.example", "127.0.0.1")));

    @Test
    void sessionPropertiesPinBothSocketFactoriesWithoutFallbackAndCheckTheServerIdentity() throws Exception {
        MailEndpoint endpoint = guard.endpointFor(outboxServer("mail.pinned.example", 2525, null));
        Properties session = endpoint.sessionProperties("smtps");

        assertThat(endpoint.connectHost()).isEqualTo("127.0.0.1");
        assertThat(endpoint.host()).isEqualTo("mail.pinned.example");
        assertThat(endpoint.port()).isEqualTo(2525);
        assertThat(session.get("mail.smtps.socketFactory")).isInstanceOf(PinnedSocketFactory.class);
        assertThat(session.get("mail.smtps.ssl.socketFactory")).isInstanceOf(PinnedSslSocketFactory.class);
        assertThat(session.getProperty("mail.smtps.socketFactory.fallback")).isEqualTo("false");
        assertThat(session.getProperty("mail.smtps.ssl.checkserveridentity")).isEqualTo("true");
        assertThat(session.stringPropertyNames()).allMatch(name -> name.startsWith("mail.smtps."));
    }

    @Test
    void pinnedSocketConnectsToTheCheckedAddressOnly() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            MailEndpoint endpoint = guard.endpointFor(outboxServer("mail.pinned.example", server.getLocalPort(), null));
            SocketFactory factory = (SocketFactory) endpoint.sessionProperties("smtp").get("mail.smtp.socketFactory");

            try (Socket socket = factory.createSocket()) {
                socket.connect(new InetSocketAddress(endpoint.connectHost(), endpoint.port()), 2000);
                assertThat(socket.getInetAddress().getHostAddress()).isEqualTo("127.0.0.1");
            }
            try (Socket elsewhere = factory.createSocket()) {
                assertThatThrownBy(() -> elsewhere.connect(new InetSocketAddress("127.0.0.2", endpoint.port()), 2000))
                        .isInstanceOf(ConnectionNotAllowedException.class)
                        .hasMessageContaining("only mail.pinned.example at 127.0.0.1:" + endpoint.port());
                assertThat(elsewhere.isConnected()).isFalse();
            }
            try (Socket otherPort = factory.createSocket()) {
                assertThatThrownBy(() -> otherPort.connect(new InetSocketAddress("127.0.0.1", 25), 2000))
                        .isInstanceOf(ConnectionNotAllowedException.class);
            }
        }
    }

    @Test
    void channelSocketsConnectToTheCheckedAddressOnlyAndShowTheirChannel() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            MailEndpoint endpoint = guard.endpointFor(outboxServer("mail.pinned.example", server.getLocalPort(), null));
            SocketFactory factory = endpoint.socketFactory(true);

            try (Socket socket = factory.createSocket()) {
                socket.connect(new InetSocketAddress(endpoint.connectHost(), endpoint.port()), 2000);
                assertThat(socket.getChannel()).as("IdleManager selects on this channel").isNotNull();
                assertThat(socket.getChannel().isConnected()).isTrue();
                assertThat(socket.getInetAddress().getHostAddress()).isEqualTo("127.0.0.1");
                try (Socket accepted = server.accept()) {
                    socket.getOutputStream().write('x');
                    assertThat(accepted.getInputStream().read()).isEqualTo('x');
                }
            }
            try (Socket elsewhere = factory.createSocket()) {
                assertThatThrownBy(() -> elsewhere.connect(new InetSocketAddress("127.0.0.2", endpoint.port()), 2000))
                        .isInstanceOf(ConnectionNotAllowedException.class);
                assertThat(elsewhere.isConnected()).isFalse();
            }
        }
    }

    @Test
    void tlsUsedTellsWhetherAConnectionWasSecured() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            MailEndpoint endpoint = guard.endpointFor(outboxServer("mail.pinned.example", server.getLocalPort(), null));
            Properties session = endpoint.sessionProperties("imap");
            SocketFactory plain = (SocketFactory) session.get("mail.imap.socketFactory");
            SSLSocketFactory tls = (SSLSocketFactory) session.get("mail.imap.ssl.socketFactory");

            try (Socket socket = plain.createSocket()) {
                socket.connect(new InetSocketAddress(endpoint.connectHost(), endpoint.port()), 2000);
                assertThat(endpoint.tlsUsed()).isFalse();

                tls.createSocket(socket, endpoint.connectHost(), endpoint.port(), false);

                assertThat(endpoint.tlsUsed()).as("as after STARTTLS").isTrue();
            }
        }
    }

    @Test
    void tlsIsNotLayeredOverAConnectionToAnotherAddress() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             Socket unchecked = new Socket()) {
            unchecked.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 2000);
            MailEndpoint endpoint = guard.endpointFor(outboxServer("93.184.216.34", 25, null));
            SSLSocketFactory tls = (SSLSocketFactory) endpoint.sessionProperties("smtp").get("mail.smtp.ssl.socketFactory");

            assertThatThrownBy(() -> tls.createSocket(unchecked, "93.184.216.34", 25, true))
                    .isInstanceOf(ConnectionNotAllowedException.class);
        }
    }

    @Test
    void aTrustedCertificateThatIsNoCertificateIsATlsFailure() {
        assertThatThrownBy(() -> guard.endpointFor(outboxServer("mail.pinned.example", 25, "-----BEGIN CERTIFICATE-----\nnope\n")))
                .isInstanceOf(SSLException.class).hasMessageStartingWith("the mailbox's trusted certificate cannot be used");
    }

    @Test
    void theGuardRefusesBeforeAnyTlsIsPrepared() {
        assertThatThrownBy(() -> guard.endpointFor(outboxServer("10.0.0.5", 25, "not even PEM")))
                .isInstanceOf(ConnectionNotAllowedException.class);
    }

    @Test
    void checkedAddressOfAnIpv6LiteralInBracketsIsTheBareLiteral() throws Exception {
        ConnectGuard ipv6 = new ConnectGuard(ConnectGuardTests.properties(List.of("::1/128"), List.of("25")));

        MailEndpoint endpoint = ipv6.endpointFor(outboxServer("[::1]", 25, null));

        assertThat(endpoint.host()).isEqualTo("::1");
        assertThat(InetAddress.getByName(endpoint.connectHost())).isEqualTo(InetAddress.getByName("::1"));
    }

    private static MailServer outboxServer(String host, int port, String pem) {
        return new MailServer(host, port, pem);
    }
}
