package io.mailgw.model.connect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.mailgw.model.mailbox.MailServer;

/**
 * The one place that decides whether the gateway may connect to a mail server. A port must be a
 * mail port ({@code mailgw.connect-ports}); the host name is resolved once, and every address it
 * resolves to must be public, unless {@code mailgw.connect-allow} lets its network through (see
 * {@link AddressRules} for what is refused). The poller, the sender and the connection test all
 * ask here, and then connect to the address that was checked.
 */
public class ConnectGuard {

    private final List<Cidr> allowed;
    private final PortRanges ports;
    private final HostResolver resolver;

    /**
     * @throws IllegalArgumentException naming the setting that is not a network or port
     */
    public ConnectGuard(ConnectGuardProperties properties, HostResolver resolver) {
        this.allowed = properties.connectAllow().stream().map(ConnectGuard::allowedNetwork).toList();
        this.ports = ports(properties.connectPorts());
        this.resolver = resolver;
    }

    public ConnectGuard(ConnectGuardProperties properties) {
        this(properties, HostResolver.SYSTEM);
    }

    /**
     * Checks {@code host} and {@code port}, resolving the host name once.
     *
     * @param host a host name or IP literal (an IPv6 literal may be in brackets)
     * @throws ConnectionNotAllowedException saying in plain words what is refused and how to allow it
     * @throws UnknownHostException          when the name does not resolve
     */
    public CheckedAddress check(String host, int port) throws ConnectionNotAllowedException, UnknownHostException {
        String name = bare(host);
        if (!ports.contains(port)) {
            throw new ConnectionNotAllowedException("port " + port + " of " + name + " is not a mail port; refused. "
                    + "Allow it with MAILGW_CONNECT_PORTS=" + ports + "," + port);
        }
        InetAddress[] addresses = resolver.resolve(name);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(name);
        }
        for (InetAddress address : addresses) {
            Optional<AddressRules.Refusal> refusal = AddressRules.refusalOf(address);
            if (refusal.isPresent() && !isAllowed(refusal.get())) {
                throw new ConnectionNotAllowedException(describe(name, refusal.get()));
            }
        }
        return new CheckedAddress(name, port, Arrays.asList(addresses));
    }

    /**
     * Checks a mailbox's server and prepares the connection to it: the checked address, and TLS
     * that trusts the JVM's authorities plus the server's {@code trustedCertificatePem}.
     *
     * @throws IOException a {@link ConnectionNotAllowedException}, an {@link UnknownHostException},
     *                     or an {@link javax.net.ssl.SSLException} when the mailbox's certificate cannot be used
     */
    public MailEndpoint endpointFor(MailServer server) throws IOException {
        CheckedAddress checked = check(server.host(), server.port());
        return new MailEndpoint(checked, ServerTrust.socketFactory(server.trustedCertificatePem()));
    }

    private boolean isAllowed(AddressRules.Refusal refusal) {
        return allowed.stream().anyMatch(network -> network.contains(refusal.address())
                || network.contains(refusal.judged()));
    }

    private static String describe(String name, AddressRules.Refusal refusal) {
        String what = Cidr.isIpLiteral(name) ? name + " is " + refusal.description()
                : name + " resolves to " + refusal.address().getHostAddress() + ", " + refusal.description();
        return what + "; refused. Allow it with MAILGW_CONNECT_ALLOW=" + refusal.network();
    }

    private static String bare(String host) {
        String name = host == null ? "" : host.trim();
        return name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
    }

    private static Cidr allowedNetwork(String cidr) {
        try {
            return Cidr.parse(cidr);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("mailgw.connect-allow (MAILGW_CONNECT_ALLOW): " + ex.getMessage(), ex);
        }
    }

    private static PortRanges ports(List<String> items) {
        try {
            return PortRanges.parse(items);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("mailgw.connect-ports (MAILGW_CONNECT_PORTS): " + ex.getMessage(), ex);
        }
    }
}
