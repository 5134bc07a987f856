package io.mailgw.model.connect;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The guard's decisions, without any network: host names resolve through a map. */
class ConnectGuardTests {

    private static final String DEFAULT_PORTS = "25,465,587,2525,110,995,143,993";

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0.0.0.0          | an unspecified address              | 0.0.0.0/8
            0.1.2.3          | an unspecified address              | 0.0.0.0/8
            127.0.0.1        | a loopback address                  | 127.0.0.0/8
            127.255.0.9      | a loopback address                  | 127.0.0.0/8
            10.0.0.5         | a private address                   | 10.0.0.0/8
            172.16.0.1       | a private address                   | 172.16.0.0/12
            172.31.255.254   | a private address                   | 172.16.0.0/12
            192.168.1.20     | a private address                   | 192.168.0.0/16
            100.64.0.1       | a shared (carrier-grade NAT) address | 100.64.0.0/10
            100.127.255.1    | a shared (carrier-grade NAT) address | 100.64.0.0/10
            169.254.10.1     | a link-local address                | 169.254.0.0/16
            169.254.169.254  | the cloud metadata address          | 169.254.169.254/32
            224.0.0.251      | a multicast address                 | 224.0.0.0/4
            239.255.255.250  | a multicast address                 | 224.0.0.0/4
            240.0.0.1        | a reserved address                  | 240.0.0.0/4
            255.255.255.255  | the broadcast address               | 255.255.255.255/32
            ::               | the unspecified address             | ::/128
            ::1              | the loopback address                | ::1/128
            fe80::1          | a link-local address                | fe80::/10
            febf::1          | a link-local address                | fe80::/10
            fec0::1          | a site-local (private) address      | fec0::/10
            fc00::1          | a private (unique local) address    | fc00::/7
            fd12:3456::1     | a private (unique local) address    | fc00::/7
            ff02::1          | a multicast address                 | ff00::/8
            """)
    void refusesEveryInternalRangeNamingItAndHowToAllowIt(String address, String kind, String network)
            throws UnknownHostException {
        ConnectGuard guard = guard(List.of(), Map.of("imap.x.example", address));

        assertThatThrownBy(() -> guard.check("imap.x.example", 993))
                .isInstanceOf(ConnectionNotAllowedException.class)
                .hasMessage("imap.x.example resolves to %s, %s; refused. Allow it with MAILGW_CONNECT_ALLOW=%s",
                        InetAddress.getByName(address).getHostAddress(), kind, network);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "11.0.0.1", "172.15.255.255", "172.32.0.1", "192.169.0.1",
            "100.63.255.255", "100.128.0.1", "169.253.255.255", "223.255.255.255", "1.1.1.1",
            "2001:4860:4860::8888", "2a00:1450:4001::1"})
    void letsPublicAddressesThrough(String address) throws Exception {
        CheckedAddress checked = guard(List.of(), Map.of("mail.x.example", address)).check("mail.x.example", 587);

        assertThat(checked.address()).isEqualTo(InetAddress.getByName(address));
        assertThat(checked.host()).isEqualTo("mail.x.example");
        assertThat(checked.port()).isEqualTo(587);
    }

    @Test
    void saysAnAddressWrittenAsHostIsInternal() {
        ConnectGuard guard = guard(List.of(), Map.of());

        assertThatThrownBy(() -> guard.check("10.0.0.5", 143)).isInstanceOf(ConnectionNotAllowedException.class)
                .hasMessage("10.0.0.5 is a private address; refused. Allow it with MAILGW_CONNECT_ALLOW=10.0.0.0/8");
        assertThatThrownBy(() -> guard.check("[::1]", 143))
                .hasMessage("::1 is the loopback address; refused. Allow it with MAILGW_CONNECT_ALLOW=::1/128");
        assertThatThrownBy(() -> guard.check("::ffff:169.254.169.254", 143))
                .hasMessageStartingWith("::ffff:169.254.169.254 is the cloud metadata address; refused.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0:0:0:0:0:ffff:a00:5   | 10.0.0.5        | a private address
            0:0:0:0:0:ffff:7f00:1  | 127.0.0.1       | a loopback address
            ::a9fe:a9fe            | 169.254.169.254 | the cloud metadata address
            64:ff9b::c0a8:101      | 192.168.1.1     | a private address
            2002:7f00:1::1         | 127.0.0.1       | a loopback address
            ::2                    | 0.0.0.2         | an unspecified address
            """)
    void refusesIpv6FormsOfInternalIpv4Addresses(String ipv6, String ipv4, String kind) throws Exception {
        InetAddress mapped = Inet6Address.getByAddress(null, sixteenBytes(ipv6), -1);
        assertThat(mapped).isInstanceOf(Inet6Address.class);
        ConnectGuard guard = new ConnectGuard(properties(List.of(), List.of(DEFAULT_PORTS)),
                host -> new InetAddress[] {mapped});

        assertThatThrownBy(() -> guard.check("mail.x.example", 993))
                .isInstanceOf(ConnectionNotAllowedException.class)
                .hasMessageContaining("an IPv6 form of " + ipv4 + ", " + kind + "; refused.");
    }

    @Test
    void allowListLetsItsNetworksThroughAndNoOthers() throws Exception {
        InetAddress mappedLoopback = Inet6Address.getByAddress(null, sixteenBytes("::ffff:127.0.0.1"), -1);
        ConnectGuard guard = guard(List.of("127.0.0.0/8", "fd00::/8"),
                Map.of("localhost", "127.0.0.1", "ula.x.example", "fd00::25", "private.x.example", "10.0.0.5"));

        assertThat(guard.check("localhost", 143).address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(guard.check("ula.x.example", 25).address()).isEqualTo(InetAddress.getByName("fd00::25"));
        assertThatThrownBy(() -> guard.check("private.x.example", 25)).isInstanceOf(ConnectionNotAllowedException.class);
        assertThatThrownBy(() -> guard.check("fc00::1", 25)).isInstanceOf(ConnectionNotAllowedException.class);
        ConnectGuard mapped = new ConnectGuard(properties(List.of("127.0.0.0/8"), List.of(DEFAULT_PORTS)),
                host -> new InetAddress[] {mappedLoopback});
        assertThat(mapped.check("localhost", 25).address()).isEqualTo(mappedLoopback);
    }

    @Test
    void refusesPortsThatAreNotMailPorts() throws Exception {
        ConnectGuard guard = guard(List.of(), Map.of("smtp.x.example", "93.184.216.34"));

        for (int port : new int[] {25, 465, 587, 2525, 110, 995, 143, 993}) {
            assertThat(guard.check("smtp.x.example", port).port()).isEqualTo(port);
        }
        assertThatThrownBy(() -> guard.check("smtp.x.example", 8080)).isInstanceOf(ConnectionNotAllowedException.class)
                .hasMessage("port 8080 of smtp.x.example is not a mail port; refused. Allow it with "
                        + "MAILGW_CONNECT_PORTS=" + DEFAULT_PORTS + ",8080");
        assertThatThrownBy(() -> guard.check("smtp.x.example", 22)).isInstanceOf(ConnectionNotAllowedException.class);
    }

    @Test
    void portRangesAllowEveryPortBetweenTheirEnds() throws Exception {
        ConnectGuard guard = new ConnectGuard(properties(List.of(), List.of("993", "3025,3143", "1024-2000")),
                resolver(Map.of("mail.x.example", "93.184.216.34")));

        assertThat(guard.check("mail.x.example", 3143).port()).isEqualTo(3143);
        assertThat(guard.check("mail.x.example", 1024).port()).isEqualTo(1024);
        assertThat(guard.check("mail.x.example", 2000).port()).isEqualTo(2000);
        assertThatThrownBy(() -> guard.check("mail.x.example", 2001)).isInstanceOf(ConnectionNotAllowedException.class);
        assertThatThrownBy(() -> guard.check("mail.x.example", 25)).isInstanceOf(ConnectionNotAllowedException.class);
    }

    @Test
    void resolvesOnceAndChecksEveryAddressTheNameHas() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        InetAddress publicAddress = InetAddress.getByName("93.184.216.34");
        InetAddress privateAddress = InetAddress.getByName("10.9.8.7");
        ConnectGuard guard = new ConnectGuard(properties(List.of(), List.of(DEFAULT_PORTS)), host -> {
            lookups.incrementAndGet();
            return host.equals("mixed.x.example") ? new InetAddress[] {publicAddress, privateAddress}
                    : new InetAddress[] {publicAddress, InetAddress.getByName("93.184.216.35")};
        });

        CheckedAddress checked = guard.check("two.x.example", 993);
        assertThat(lookups).hasValue(1);
        assertThat(checked.addresses()).containsExactly(publicAddress, InetAddress.getByName("93.184.216.35"));
        assertThat(checked.isChecked(privateAddress)).isFalse();
        assertThatThrownBy(() -> guard.check("mixed.x.example", 993))
                .hasMessageStartingWith("mixed.x.example resolves to 10.9.8.7, a private address; refused.");
        assertThat(lookups).hasValue(2);
    }

    @Test
    void unknownHostStaysUnknown() {
        ConnectGuard guard = guard(List.of(), Map.of());

        assertThatThrownBy(() -> guard.check("nx.x.example", 993)).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void settingsThatAreNotNetworksOrPortsStopTheStartNamingTheVariable() {
        assertThatThrownBy(() -> new ConnectGuard(properties(List.of("10.0.0.0/33"), List.of(DEFAULT_PORTS))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MAILGW_CONNECT_ALLOW")
                .hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> new ConnectGuard(properties(List.of("mail.x.example/8"), List.of(DEFAULT_PORTS))))
                .hasMessageContaining("is not a network such as 10.0.0.0/8");
        assertThatThrownBy(() -> new ConnectGuard(properties(List.of(), List.of("70000"))))
                .hasMessageContaining("MAILGW_CONNECT_PORTS").hasMessageContaining("'70000'");
        assertThatThrownBy(() -> new ConnectGuard(properties(List.of(), List.of("2000-1024"))))
                .hasMessageContaining("'2000-1024'");
        assertThatCode(() -> new ConnectGuard(properties(List.of(" 10.0.0.0/8 ", "fd00::/8", "192.0.2.7"),
                List.of(DEFAULT_PORTS)))).doesNotThrowAnyException();
    }

    @Test
    void bindsTheEnvironmentVariablesOfTheContractWithTheMailPortsAsDefault() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env",
                Map.of("MAILGW_CONNECT_ALLOW", "10.0.0.0/8,fd00::/8")));
        ConnectGuardProperties bound = new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("mailgw", ConnectGuardProperties.class);

        assertThat(bound.connectAllow()).containsExactly("10.0.0.0/8", "fd00::/8");
        assertThat(String.join(",", bound.connectPorts())).isEqualTo(DEFAULT_PORTS);

        environment.getPropertySources().addFirst(new MapPropertySource("args",
                Map.of("mailgw.connect-ports", "1024-65535", "mailgw.connect-allow", "")));
        ConnectGuardProperties overridden = new Binder(ConfigurationPropertySources.get(environment))
                .bindOrCreate("mailgw", ConnectGuardProperties.class);
        assertThat(overridden.connectPorts()).containsExactly("1024-65535");
        assertThat(overridden.connectAllow()).isEmpty();
    }

    @Test
    void aTokenEndpointMustBeHttpsToAPublicAddressOnAnyPort() throws Exception {
        ConnectGuard guard = guard(List.of(), Map.of("login.example", "20.190.160.1", "idp.corp.example", "10.1.2.3"));

        CheckedAddress checked = guard.checkHttps(URI.create("https://login.example/tenant/oauth2/v2.0/token"));
        assertThat(checked.port()).isEqualTo(443);
        assertThat(checked.address().getHostAddress()).isEqualTo("20.190.160.1");
        assertThat(guard.checkHttps(URI.create("https://login.example:8443/token")).port()).isEqualTo(8443);
        assertThatThrownBy(() -> guard.checkHttps(URI.create("http://login.example/token")))
                .isInstanceOf(ConnectionNotAllowedException.class).hasMessageContaining("not an https:// URL");
        assertThatThrownBy(() -> guard.checkHttps(URI.create("https://idp.corp.example/token")))
                .isInstanceOf(ConnectionNotAllowedException.class)
                .hasMessage("idp.corp.example resolves to 10.1.2.3, a private address; refused. "
                        + "Allow it with MAILGW_CONNECT_ALLOW=10.0.0.0/8");
        assertThat(guard(List.of("10.0.0.0/8"), Map.of("idp.corp.example", "10.1.2.3"))
                .checkHttps(URI.create("https://idp.corp.example/token")).host()).isEqualTo("idp.corp.example");
    }

    private static ConnectGuard guard(List<String> allow, Map<String, String> hosts) {
        return new ConnectGuard(properties(allow, List.of(DEFAULT_PORTS)), resolver(hosts));
    }

    static ConnectGuardProperties properties(List<String> allow, List<String> ports) {
        return new ConnectGuardProperties(allow, ports);
    }

    /** Resolves the names of the map, an IP literal as itself, and nothing else. */
    static HostResolver resolver(Map<String, String> hosts) {
        return host -> {
            if (hosts.containsKey(host)) {
                return new InetAddress[] {InetAddress.getByName(hosts.get(host))};
            }
            if (Cidr.isIpLiteral(host)) {
                return new InetAddress[] {InetAddress.getByName(host)};
            }
            throw new UnknownHostException(host);
        };
    }

    /** The 16 bytes of an IPv6 address, also of an IPv4-mapped one, which Java would turn into IPv4. */
    private static byte[] sixteenBytes(String ipv6) throws UnknownHostException {
        byte[] bytes = InetAddress.getByName(ipv6).getAddress();
        if (bytes.length == 16) {
            return bytes;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        return mapped;
    }
}
