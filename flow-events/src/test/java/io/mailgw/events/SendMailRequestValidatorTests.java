package io.mailgw.events;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendMailRequestValidatorTests {

    private final SendMailRequestValidator validator = new SendMailRequestValidator(
            new SendMailRequestValidator.Limits(3, 10));

    @Test
    void acceptsTheContractsExample() {
        // the example elides its attachment ("JVBERi0x..."); complete it to real base64
        String example = ContractExamples.sendMailRequested().replace("JVBERi0x...", "JVBERi0x");
        SendMailRequested request = EventJson.read(example, SendMailRequested.class);

        assertThat(new SendMailRequestValidator(SendMailRequestValidator.Limits.DEFAULTS).validate(request)).isEmpty();
    }

    @Test
    void requiresARecipient() {
        assertThat(fields(request(List.of(), "Hola"))).containsExactly("to");
    }

    @Test
    void refusesLineBreaksInTheSubject() {
        assertThat(validator.validate(request(List.of("ana@cliente.example"), "Hola\r\nBcc: x@evil.example")))
                .singleElement()
                .satisfies(v -> assertThat(v.field()).isEqualTo("subject"))
                .satisfies(v -> assertThat(v.message()).contains("CR or LF"));
    }

    @Test
    void namesTheBadRecipientByIndex() {
        assertThat(fields(request(List.of("ana@cliente.example", "not an address"), "Hola"))).containsExactly("to[1]");
    }

    @Test
    void capsTheNumberOfRecipients() {
        List<String> four = List.of("a@x.example", "b@x.example", "c@x.example", "d@x.example");

        assertThat(fields(request(four, "Hola"))).containsExactly("to");
    }

    @Test
    void requiresTextOrHtmlAndAValidRequestId() {
        SendMailRequested request = new SendMailRequested("bad id with spaces", null, null, List.of("a@x.example"),
                null, null, null, "Hola", null, null, null, null, null, null);

        assertThat(fields(request)).containsExactly("requestId", "text");
    }

    @Test
    void specificOutboxNeedsAContract() {
        SendMailRequested request = new SendMailRequested("r-1", null, OutboxChoice.SPECIFIC, List.of("a@x.example"),
                null, null, null, "Hola", "t", null, null, null, null, null);

        assertThat(fields(request)).containsExactly("contractId");
    }

    @Test
    void capsTheDecodedAttachmentSizeAndChecksBase64() {
        String elevenBytes = Base64.getEncoder().encodeToString(new byte[11]);
        SendMailRequested tooBig = withAttachments(List.of(new SendMailRequested.Attachment("a.bin", null, elevenBytes)));
        SendMailRequested broken = withAttachments(List.of(new SendMailRequested.Attachment("a.bin", null, "***")));

        assertThat(fields(tooBig)).containsExactly("attachments");
        assertThat(fields(broken)).containsExactly("attachments[0].contentBase64");
    }

    private List<String> fields(SendMailRequested request) {
        return validator.validate(request).stream().map(Violation::field).toList();
    }

    private static SendMailRequested request(List<String> to, String subject) {
        return new SendMailRequested("r-1", "xpto", OutboxChoice.DEFAULT, to, null, null, null, subject, "t", null,
                null, null, null, Map.of());
    }

    private static SendMailRequested withAttachments(List<SendMailRequested.Attachment> attachments) {
        return new SendMailRequested("r-1", "xpto", OutboxChoice.DEFAULT, List.of("a@x.example"), null, null, null,
                "Hola", "t", null, attachments, null, null, Map.of());
    }
}
