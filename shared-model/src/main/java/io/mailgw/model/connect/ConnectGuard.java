package io.mailgw.model.connect;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
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

    private static final int HTTPS_PORT = 443;

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
        return new CheckedAddress(name, port, publicAddresses(name));
    }

    /**
     * Checks an OAuth2 token endpoint (or any other HTTP endpoint the gateway sends a secret to):
     * {@code https} only, and every address its host resolves to public unless
     * {@code mailgw.connect-allow} lets its network through. Any port: the mail ports are for mail.
     *
     * @throws ConnectionNotAllowedException saying in plain words what is refused and how to allow it
     * @throws UnknownHostException          when the name does not resolve
     */
    public CheckedAddress checkHttps(URI uri) throws ConnectionNotAllowedException, UnknownHostException {
        if (uri == null || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new ConnectionNotAllowedException((uri == null ? "no URL" : uri.getScheme() + "://"
                    + uri.getHost()) + " is not an https:// URL; refused: a token endpoint is only asked over HTTPS");
        }
        String name = bare(uri.getHost());
        return new CheckedAddress(name, uri.getPort() < 0 ? HTTPS_PORT : uri.getPort(), publicAddresses(name));
    }

    private List<InetAddress> publicAddresses(String name) throws ConnectionNotAllowedException, UnknownHostException {
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
        return Arrays.asList(addresses);
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
