package io.mailgw.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client's own logic: validation before publishing, key, headers and JSON. Kafka itself is tested elsewhere. */
class SendMailClientTests {

    private final MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(),
            new StringSerializer());
    private final SendMailClient client = new SendMailClient(producer, Topics.OUTBOUND_REQUESTS, "/engines/test",
            SendMailRequestValidator.Limits.DEFAULTS, Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void publishesKeyedByContractWithCloudEventsHeaders() throws Exception {
        SendMailRequested request = new SendMailRequested("r-1", "xpto", OutboxChoice.SPECIFIC,
                List.of("ana@cliente.example"), null, null, null, "Hola", "t", null, null, null, null, Map.of("a", "b"));

        client.send(request).get();

        ProducerRecord<String, String> sent = producer.history().get(0);
        assertThat(sent.topic()).isEqualTo("mail.outbound.requests");
        assertThat(sent.key()).isEqualTo("xpto");
        assertThat(EventJson.read(sent.value(), SendMailRequested.class)).isEqualTo(request);
        assertThat(header(sent, CloudEventHeaders.TYPE)).isEqualTo("mail.outbound.requested.v1");
        assertThat(header(sent, CloudEventHeaders.ID)).isEqualTo("r-1");
        assertThat(header(sent, CloudEventHeaders.TIME)).isEqualTo("2026-11-28T10:00:00Z");
        assertThat(header(sent, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
    }

    @Test
    void refusesAnInvalidRequestWithoutPublishing() {
        SendMailRequested noRecipient = new SendMailRequested("r-1", null, null, List.of(), null, null, null, "Hola",
                "t", null, null, null, null, null);

        assertThatThrownBy(() -> client.send(noRecipient))
                .isInstanceOfSatisfying(InvalidSendMailRequestException.class,
                        ex -> assertThat(ex.violations()).extracting(Violation::field).containsExactly("to"));
        assertThat(producer.history()).isEmpty();
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
