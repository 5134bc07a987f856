package io.mailgw.model.connect;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway may connect to mail servers ({@code mailgw.connect-*}), the same in every service.
 *
 * @param connectAllow networks ({@code MAILGW_CONNECT_ALLOW}, comma-separated CIDRs such as
 *                     {@code 10.0.0.0/8,fd00::/8}) that the guard lets through although private,
 *                     loopback or otherwise internal; default none
 * @param connectPorts ports ({@code MAILGW_CONNECT_PORTS}) a mail server may listen on, each a port or a
 *                     range such as {@code 1024-65535}; default the standard mail ports
 *                     {@code 25,465,587,2525,110,995,143,993}
 */
@Validated
@ConfigurationProperties("mailgw")
public record ConnectGuardProperties(
        List<String> connectAllow,
        @DefaultValue(ConnectGuardProperties.MAIL_PORTS) @NotEmpty List<String> connectPorts) {

    /** The standard ports of SMTP (25, 465, 587, 2525), POP3 (110, 995) and IMAP (143, 993). */
    public static final String MAIL_PORTS = "25,465,587,2525,110,995,143,993";

    public ConnectGuardProperties {
        connectAllow = connectAllow == null ? List.of()
                : connectAllow.stream().filter(cidr -> cidr != null && !cidr.isBlank()).toList();
        connectPorts = connectPorts == null ? List.of() : List.copyOf(connectPorts);
    }
}
