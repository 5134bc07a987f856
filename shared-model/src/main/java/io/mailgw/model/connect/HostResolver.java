package io.mailgw.model.connect;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name into its addresses; the guard asks it once per connection. */
@FunctionalInterface
public interface HostResolver {

    /** The system's resolver (DNS, hosts file), which returns an IP literal as it is without a lookup. */
    HostResolver SYSTEM = InetAddress::getAllByName;

    /**
     * @param host a host name or an IP literal, without brackets
     * @return at least one address
     */
    InetAddress[] resolve(String host) throws UnknownHostException;
}
