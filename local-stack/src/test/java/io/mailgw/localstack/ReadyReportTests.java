package io.mailgw.localstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadyReportTests {

    @Test
    void tellsWhereTheApiTheServersAndTheDemoAre() {
        String report = print("admin, as first created");

        assertThat(report)
                .contains("ready in 12.3 s")
                .contains("http://127.0.0.1:8080/api/v1")
                .contains("admin / admin, as first created")
                .contains("Kafka        127.0.0.1:9092")
                .contains("mongodb://127.0.0.1:27017/mailgw")
                .contains("SMTP 3025, IMAP 3143, POP3 3110 (TLS: 3465, 3993, 3995)")
                .contains("support@demo.local, customer@demo.local")
                .contains("OAuth2 demo  token endpoint https://127.0.0.1:3443/oauth2/token (client demo-client / "
                        + "demo-secret) issues demo-token")
                .contains("oauth@demo.local: mailboxes demo-oauth2-inbox and demo-oauth2-outbox");
    }

    @Test
    void givesAOneLineKcatCommandThatPublishesASendRequestForContractDemo() {
        String command = ReadyReport.kcatExample("127.0.0.1", 9092, "support@demo.local");

        assertThat(command).doesNotContain("\n")
                .startsWith("echo '{\"requestId\":\"demo-'$(date +%s)'\",\"contractId\":\"demo\"")
                .contains("\"to\":[\"support@demo.local\"]")
                .endsWith("| kcat -P -b 127.0.0.1:9092 -t mail.outbound.requests -k demo");
    }

    private static String print(String passwordHint) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReadyReport(TestProperties.withDataDir(Path.of(".local-stack")), passwordHint,
                new PrintStream(out, true, StandardCharsets.UTF_8)).print(Duration.ofMillis(12_345));
        return out.toString(StandardCharsets.UTF_8);
    }
}
