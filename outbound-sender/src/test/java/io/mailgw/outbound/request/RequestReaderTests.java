package io.mailgw.outbound.request;

import java.util.Map;

import io.mailgw.outbound.EngineRequests;
import io.mailgw.outbound.TestOutboundProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestReaderTests {

    private final RequestReader reader = new RequestReader(TestOutboundProperties.defaults());

    @Test
    void readsAValidRequest() {
        RequestReading reading = reader.read(EngineRequests.viaDefault("r1", "ana@cliente.example", "Hola"));

        assertThat(reading).isInstanceOfSatisfying(RequestReading.Readable.class,
                readable -> assertThat(readable.request().requestId()).isEqualTo("r1"));
    }

    @Test
    void rejectsTextThatIsNotJsonWithoutARequestId() {
        RequestReading reading = reader.read("hello, gateway");

        assertThat(reading).isInstanceOfSatisfying(RequestReading.Unreadable.class, unreadable -> {
            assertThat(unreadable.code()).isEqualTo("INVALID_JSON");
            assertThat(unreadable.requestId()).isNull();
            assertThat(unreadable.message()).startsWith("not valid JSON");
        });
    }

    @Test
    void rejectsAFieldOfTheWrongTypeButRecoversWhatItCanToAnswer() {
        RequestReading reading = reader.read("""
                {"requestId": "r2", "contractId": "xpto", "to": {"not": "a list"}, "subject": "x", "text": "y",
                 "context": {"flowId": "f1", "count": 3}}
                """);

        assertThat(reading).isInstanceOfSatisfying(RequestReading.Unreadable.class, unreadable -> {
            assertThat(unreadable.code()).isEqualTo("INVALID_REQUEST");
            assertThat(unreadable.message()).contains("to");
            assertThat(unreadable.requestId()).isEqualTo("r2");
            assertThat(unreadable.contractId()).isEqualTo("xpto");
            assertThat(unreadable.context()).isEqualTo(Map.of("flowId", "f1"));
        });
    }

    @Test
    void namesEveryFieldThatBreaksTheRules() {
        RequestReading reading = reader.read("""
                {"requestId": "r3", "to": [], "subject": "Hola\\r\\nBcc: x@evil.example", "text": "y"}
                """);

        assertThat(reading).isInstanceOfSatisfying(RequestReading.Unreadable.class, unreadable -> {
            assertThat(unreadable.code()).isEqualTo("INVALID_REQUEST");
            assertThat(unreadable.requestId()).isEqualTo("r3");
            assertThat(unreadable.message()).contains("to: at least one recipient", "subject: must not contain CR or LF");
        });
    }

    @Test
    void appliesTheConfiguredRecipientLimit() {
        RequestReader strict = new RequestReader(TestOutboundProperties.with(Map.of("mailgw.outbound.max-recipients", "1")));

        RequestReading reading = strict.read("""
                {"requestId": "r4", "to": ["a@x.example", "b@x.example"], "subject": "x", "text": "y"}
                """);

        assertThat(reading).isInstanceOfSatisfying(RequestReading.Unreadable.class,
                unreadable -> assertThat(unreadable.message()).contains("2 recipients exceed the limit of 1"));
    }

    @Test
    void doesNotAnswerARequestIdTheContractDoesNotAllow() {
        RequestReading reading = reader.read("""
                {"requestId": "has spaces", "to": ["a@x.example"], "subject": "x", "text": "y"}
                """);

        assertThat(reading).isInstanceOfSatisfying(RequestReading.Unreadable.class, unreadable -> {
            assertThat(unreadable.requestId()).isNull();
            assertThat(unreadable.message()).contains("requestId");
        });
    }
}
