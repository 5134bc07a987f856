package io.mailgw.outbound;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class OutboundPropertiesTests {

    @Test
    void defaultsFollowTheContract() {
        OutboundProperties properties = TestOutboundProperties.defaults();

        assertThat(properties.consumerGroup()).isEqualTo("mail-outbound-sender");
        assertThat(properties.limits().maxRecipients()).isEqualTo(100);
        assertThat(properties.maxAttachmentSize()).isEqualTo(DataSize.ofMegabytes(10));
        assertThat(properties.smtp().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.smtp().readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(properties.smtp().writeTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void givesOneAttemptPerRetryDelayPlusTheFirst() {
        OutboundProperties.Retry retry = TestOutboundProperties
                .with(Map.of("mailgw.outbound.retry.delays", "1s,5s")).retry();

        assertThat(retry.maxAttempts()).isEqualTo(3);
        assertThat(retry.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(retry.delayAfter(2)).isEqualTo(Duration.ofSeconds(5));
        assertThat(retry.delayAfter(3)).isEqualTo(Duration.ZERO);
        assertThat(TestOutboundProperties.defaults().retry().maxAttempts()).isEqualTo(4);
    }
}
