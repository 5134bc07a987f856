package io.mailgw.model.connect;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * A host the guard let through: its name as configured, the port, and every address the name
 * resolved to when it was checked. Connections go to these addresses, never to a second lookup.
 *
 * @param host      the host as configured, without brackets around an IPv6 literal
 * @param addresses every address the one lookup gave, in its order; at least one
 */
public record CheckedAddress(String host, int port, List<InetAddress> addresses) {

    public CheckedAddress {
        Objects.requireNonNull(host, "host");
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a checked host has at least one address");
        }
    }

    /** The address to connect to: the first one the lookup gave. */
    public InetAddress address() {
        return addresses.get(0);
    }

    public boolean isChecked(InetAddress candidate) {
        return addresses.contains(candidate);
    }
}
