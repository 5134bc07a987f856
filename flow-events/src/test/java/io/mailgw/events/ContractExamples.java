package io.mailgw.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The JSON examples of CONTRACT §3, copied verbatim into test resources. */
final class ContractExamples {

    private ContractExamples() {
    }

    static String sendMailRequested() {
        return read("send-mail-requested");
    }

    static String deliveryStatus() {
        return read("delivery-status");
    }

    static String mailReceived() {
        return read("mail-received");
    }

    static String configChanged() {
        return read("config-changed");
    }

    private static String read(String name) {
        try (InputStream in = ContractExamples.class.getResourceAsStream("/contract-examples/" + name + ".json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
