package io.mailgw.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BenchSettingsTests {

    @Test
    void defaultsAreTheFiguresTheGoalsAreSetFor() {
        BenchSettings settings = BenchSettings.from(Map.of(), Path.of("/repo"));

        assertThat(settings.outbound().messages()).isEqualTo(20_000);
        assertThat(settings.outbound().messageBytes()).isEqualTo(10_240);
        assertThat(settings.outbound().pacedRate()).isEqualTo(200);
        assertThat(settings.outbound().pacedFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.outbound().connections()).isEqualTo(4);
        assertThat(settings.outbound().senderHeap()).isEqualTo("256m");
        assertThat(settings.inbound().messages()).isEqualTo(10_000);
        assertThat(settings.inbound().warmup()).isEqualTo(3_000);
        assertThat(settings.inbound().idleMessages()).isEqualTo(200);
        assertThat(settings.inbound().mailboxes()).isEqualTo(5_000);
        assertThat(settings.inbound().manyInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.inbound().pollerHeap()).isEqualTo("512m");
        assertThat(settings.workDir()).isEqualTo(Path.of("/repo/bench/target/run"));
        assertThat(settings.outbound().senderArguments()).isEmpty();
        assertThat(settings.inbound().pollerArguments()).isEmpty();
    }

    @Test
    void environmentVariablesOverrideCountsPortsAndDeadlines() {
        BenchSettings settings = BenchSettings.from(Map.of("BENCH_OUTBOUND_MESSAGES", "2_000",
                "BENCH_SMTP_SINK_PORT", "12525", "BENCH_INBOUND_DEADLINE_SECONDS", "30"), Path.of("/repo"));

        assertThat(settings.outbound().messages()).isEqualTo(2_000);
        assertThat(settings.ports().smtpSink()).isEqualTo(12525);
        assertThat(settings.ports().mailPorts()).isEqualTo("12525,10143,10110");
        assertThat(settings.inbound().deadline()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void passesExtraPropertiesToTheServicesWordByWord() {
        BenchSettings settings = BenchSettings.from(Map.of("BENCH_POLLER_ARGS",
                " --mailgw.inbound.batch-size=1000  --mailgw.inbound.workers=8 "), Path.of("/repo"));

        assertThat(settings.inbound().pollerArguments())
                .containsExactly("--mailgw.inbound.batch-size=1000", "--mailgw.inbound.workers=8");
    }

    @Test
    void refusesACountThatIsNotAWholeNumber() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> BenchSettings.from(Map.of("BENCH_MAILBOXES", "lots"), Path.of("/repo")))
                .withMessageContaining("BENCH_MAILBOXES=lots");
    }
}
