package io.mailgw.config.web;

import io.mailgw.model.FieldViolation;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MalformedJsonTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void namesTheFieldWhoseValueIsBroken() {
        FieldViolation violation = describe("{\"name\": \"x\",\n  \"port\": 99x}");

        assertThat(violation.field()).isEqualTo("port");
        assertThat(violation.message()).contains("line 2, column");
    }

    @Test
    void namesAPathIntoNestedArrays() {
        FieldViolation violation = describe("{\"to\": [\"a@b.example\", oops]}");

        assertThat(violation.field()).isEqualTo("to[1]");
    }

    @Test
    void namesTheWholeDocumentWhenNoFieldIsOpen() {
        FieldViolation violation = describe("not json at all");

        assertThat(violation.field()).isEqualTo("$");
        assertThat(violation.message()).startsWith("malformed JSON at line 1");
    }

    @Test
    void neverQuotesTheOffendingText() {
        FieldViolation violation = describe("{\"password\": hunter2-secret}");

        assertThat(violation.field()).isEqualTo("password");
        assertThat(violation.message()).doesNotContain("hunter2");
    }

    private static FieldViolation describe(String text) {
        JacksonException ex = catchThrowableOfType(JacksonException.class, () -> JSON.readTree(text));
        return MalformedJson.describe(ex);
    }
}
