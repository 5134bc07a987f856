package io.mailgw.model.connect;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The networks a mail server is never expected in, each with the words an operator reads:
 * unspecified, loopback, private, shared (carrier-grade NAT), link-local with the cloud metadata
 * address, multicast, reserved and broadcast, for IPv4 and IPv6. An IPv6 address that carries an
 * IPv4 address (IPv4-mapped {@code ::ffff:0:0/96}, IPv4-compatible {@code ::/96}, NAT64
 * {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is judged by the IPv4 address it carries.
 */
final class AddressRules {

    /** Most specific first: the first network that holds an address names it. */
    private static final List<Rule> RULES = List.of(
            rule("255.255.255.255/32", "the broadcast address"),
            rule("169.254.169.254/32", "the cloud metadata address"),
            rule("0.0.0.0/8", "an unspecified address"),
            rule("127.0.0.0/8", "a loopback address"),
            rule("10.0.0.0/8", "a private address"),
            rule("172.16.0.0/12", "a private address"),
            rule("192.168.0.0/16", "a private address"),
            rule("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
            rule("169.254.0.0/16", "a link-local address"),
            rule("224.0.0.0/4", "a multicast address"),
            rule("240.0.0.0/4", "a reserved address"),
            rule("::/128", "the unspecified address"),
            rule("::1/128", "the loopback address"),
            rule("fe80::/10", "a link-local address"),
            rule("fec0::/10", "a site-local (private) address"),
            rule("fc00::/7", "a private (unique local) address"),
            rule("ff00::/8", "a multicast address"));

    private AddressRules() {
    }

    /** Why the guard refuses {@code address}, or empty when it may be connected to. */
    static Optional<Refusal> refusalOf(InetAddress address) {
        Optional<InetAddress> carried = carriedIpv4(address);
        if (carried.isPresent()) {
            return ruleFor(carried.get()).map(rule -> new Refusal(address, carried.get(),
                    "an IPv6 form of " + carried.get().getHostAddress() + ", " + rule.description(), rule.network()));
        }
        return ruleFor(address).map(rule -> new Refusal(address, address, rule.description(), rule.network()));
    }

    /**
     * The IPv4 address inside an IPv6 address of one of the forms that carry one; empty for every
     * other address, including {@code ::} and {@code ::1}.
     */
    static Optional<InetAddress> carriedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean zeroTo80 = allZero(b, 0, 10);
        boolean mapped = zeroTo80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = zeroTo80 && b[10] == 0 && b[11] == 0 && !(allZero(b, 12, 15) && (b[15] & 0xfe) == 0);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12);
        if (mapped || compatible || nat64) {
            return Optional.of(ipv4(b[12], b[13], b[14], b[15]));
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Optional.of(ipv4(b[2], b[3], b[4], b[5]));
        }
        return Optional.empty();
    }

    private static Optional<Rule> ruleFor(InetAddress address) {
        return RULES.stream().filter(rule -> rule.network().contains(address)).findFirst();
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress ipv4(byte a, byte b, byte c, byte d) {
        try {
            return InetAddress.getByAddress(new byte[] {a, b, c, d});
        }
        catch (UnknownHostException ex) {
            throw new IllegalStateException("four bytes are always an IPv4 address", ex);
        }
    }

    private static Rule rule(String network, String description) {
        return new Rule(Cidr.parse(network), description);
    }

    private record Rule(Cidr network, String description) {
    }

    /**
     * @param address     the address as resolved
     * @param judged      the address the rule applies to: {@code address}, or the IPv4 address it carries
     * @param description what kind of address it is, such as {@code a private address}
     * @param network     the network that holds it, the one an operator would allow
     */
    record Refusal(InetAddress address, InetAddress judged, String description, Cidr network) {
    }
}
