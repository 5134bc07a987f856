package io.mailgw.model.connect;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** A network such as {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is the network of that address alone. */
final class Cidr {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private Cidr(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException saying what is wrong, for a setting an operator wrote
     */
    static Cidr parse(String text) {
        String value = text.trim();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        try {
            byte[] bytes = literal(address).getAddress();
            int max = bytes.length * 8;
            int prefix = slash < 0 ? max : Integer.parseInt(value.substring(slash + 1).trim());
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0 to " + max);
            }
            return new Cidr(masked(bytes, prefix), prefix, value);
        }
        catch (NumberFormatException | UnknownHostException ex) {
            throw new IllegalArgumentException("'" + text + "' is not a network such as 10.0.0.0/8 or fc00::/7");
        }
    }

    /** Whether {@code host} is written as an IP address rather than a name (a name never holds a colon). */
    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        byte[] masked = masked(bytes, prefixLength);
        return Arrays.equals(masked, network);
    }

    /** As written. */
    @Override
    public String toString() {
        return text;
    }

    /** An IP literal as an address, never asking DNS: anything else is refused. */
    private static InetAddress literal(String address) throws UnknownHostException {
        if (!isIpLiteral(address)) {
            throw new UnknownHostException(address);
        }
        InetAddress parsed = InetAddress.getByName(address);
        if (parsed instanceof Inet4Address && address.indexOf(':') >= 0) {
            // Java turns ::ffff:a.b.c.d into an IPv4 address; such a network is written in IPv4
            throw new UnknownHostException(address);
        }
        return parsed;
    }

    private static byte[] masked(byte[] bytes, int prefixLength) {
        byte[] result = bytes.clone();
        for (int bit = prefixLength; bit < result.length * 8; bit++) {
            result[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return result;
    }
}
