package io.mailgw.config.web;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class RedactedRequestBodiesTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RedactedRequestBodies advice = new RedactedRequestBodies();

    @Test
    void anObjectPrintsItsFieldNamesButReadsAsBefore() {
        JsonNode body = JSON.readTree("{\"name\": \"ana\", \"password\": \"S3cret-Pa55\", \"port\": 993}");

        JsonNode redacted = (JsonNode) advice.afterBodyRead(body, null, null, JsonNode.class, null);

        assertThat(redacted.toString()).contains("name", "password", "port").doesNotContain("S3cret-Pa55", "ana");
        assertThat(redacted.toPrettyString()).doesNotContain("S3cret-Pa55");
        assertThat(redacted.path("password").stringValue()).isEqualTo("S3cret-Pa55");
        assertThat(redacted.path("port").intValue()).isEqualTo(993);
        assertThat(redacted).isEqualTo(body);
        assertThat(JsonFields.of(redacted, new Violations()).text("name")).isEqualTo("ana");
    }

    @Test
    void anArrayPrintsItsSizeOnly() {
        JsonNode body = JSON.readTree("[{\"password\": \"S3cret-Pa55\"}, 2]");

        JsonNode redacted = (JsonNode) advice.afterBodyRead(body, null, null, JsonNode.class, null);

        assertThat(redacted.toString()).isEqualTo("a JSON array of 2 element(s) (not logged)");
        assertThat(redacted.get(0).path("password").stringValue()).isEqualTo("S3cret-Pa55");
    }

    @Test
    void appliesToJsonTreeBodiesOnly() {
        assertThat(advice.supports(null, JsonNode.class, null)).isTrue();
        assertThat(advice.supports(null, String.class, null)).isFalse();
    }
}
