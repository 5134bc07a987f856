package io.mailgw.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Free ports for one local stack in a test, taken once and kept across its restarts.
 */
record StackPorts(int kafkaPort, int controllerPort, int mongoPort, int smtpPort, int imapPort, int pop3Port,
        int smtpsPort, int imapsPort, int pop3sPort, int configServicePort, int inboundPollerPort,
        int outboundSenderPort, int oauth2Port) {

    static StackPorts free() {
        Set<Integer> ports = new LinkedHashSet<>();
        while (ports.size() < 13) {
            ports.add(freePort());
        }
        int[] p = ports.stream().mapToInt(Integer::intValue).toArray();
        return new StackPorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12]);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    List<String> arguments() {
        return List.of(
                "--mailgw.localstack.kafka.port=" + kafkaPort,
                "--mailgw.localstack.kafka.controller-port=" + controllerPort,
                "--mailgw.localstack.mongo.port=" + mongoPort,
                "--mailgw.localstack.mail.smtp-port=" + smtpPort,
                "--mailgw.localstack.mail.imap-port=" + imapPort,
                "--mailgw.localstack.mail.pop3-port=" + pop3Port,
                "--mailgw.localstack.mail.smtps-port=" + smtpsPort,
                "--mailgw.localstack.mail.imaps-port=" + imapsPort,
                "--mailgw.localstack.mail.pop3s-port=" + pop3sPort,
                "--mailgw.localstack.services.config-service-port=" + configServicePort,
                "--mailgw.localstack.services.inbound-poller-port=" + inboundPollerPort,
                "--mailgw.localstack.services.outbound-sender-port=" + outboundSenderPort,
                "--mailgw.localstack.oauth2.port=" + oauth2Port);
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    String mongoUri() {
        return "mongodb://127.0.0.1:" + mongoPort;
    }

    List<Integer> servicePorts() {
        return List.of(configServicePort, inboundPollerPort, outboundSenderPort);
    }
}
