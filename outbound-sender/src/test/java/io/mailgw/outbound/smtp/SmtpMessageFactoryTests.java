package io.mailgw.outbound.smtp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.mailgw.events.SendMailRequested;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.outbound.TestOutboxes;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.Multipart;
import jakarta.activation.DataHandler;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SmtpMessageFactoryTests {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");
    private static final Mailbox OUTBOX = TestOutboxes.plainSmtp("mbx-xpto-out", 25, "soporte@xpto.example");

    private final SmtpMessageFactory factory = new SmtpMessageFactory(Clock.fixed(NOW, ZoneOffset.UTC));
    private final Session session = Session.getInstance(new Properties());

    @Test
    void sendsFromTheOutboxWithAutoSubmittedAndTheGatewayMessageId() throws Exception {
        MimeMessage message = factory.build(textOnly("sr-4711-step-3"), OUTBOX, "<id-1@xpto.example>");

        assertThat(message.getHeader("From", null)).isEqualTo("Gateway mbx-xpto-out <soporte@xpto.example>");
        assertThat(message.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(message.getMessageID()).isEqualTo("<id-1@xpto.example>");
        assertThat(message.getSentDate()).isEqualTo(Date.from(NOW));
        message.saveChanges();
        assertThat(message.getMessageID()).isEqualTo("<id-1@xpto.example>");
    }

    /** The encoding is chosen as Jakarta Mail would choose it, without it encoding the text to find out. */
    @Test
    void choosesTheTransferEncodingJakartaMailWouldChoose() throws Exception {
        List<String> texts = List.of("Plain ASCII text.\r\nSecond line\twith a tab.\n", "",
                "x".repeat(998) + "\n" + "y".repeat(998), "x".repeat(999),
                "Solicitud nº 4711 registrada; el técnico responderá pronto.",
                "日本語のテキストです。", "emoji 😀😀😀 and some more ascii text around them",
                "bell \u0007 and delete \u007f are not plain text", "ñ".repeat(600), "é" + "x".repeat(997));
        for (String text : texts) {
            String jakarta = MimeUtility.getEncoding(new DataHandler(text, "text/plain; charset=UTF-8"));

            assertThat(SmtpMessageFactory.transferEncodingOf(text)).as(text).isEqualTo(jakarta);
        }
    }

    @Test
    void writesTheBodyInTheTransferEncodingItSet() throws Exception {
        String text = "Solicitud nº 4711 registrada; el técnico responderá pronto.";
        MimeMessage message = factory.build(textOnly("r2", text), OUTBOX, "<r2@xpto.example>");
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        message.writeTo(written);

        MimeMessage read = new MimeMessage(session, new java.io.ByteArrayInputStream(written.toByteArray()));
        assertThat(read.getEncoding()).isEqualTo("quoted-printable");
        assertThat(written.toString(StandardCharsets.US_ASCII)).contains("Content-Transfer-Encoding: quoted-printable")
                .contains("t=C3=A9cnico");
        assertThat(read.getContent()).isEqualTo(text);
    }

    @Test
    void derivesTheSameMessageIdForTheSameRequestInTheOutboxDomain() {
        String first = SmtpMessageFactory.messageIdFor("sr-4711:step.3", "soporte@xpto.example");

        assertThat(first).isEqualTo(SmtpMessageFactory.messageIdFor("sr-4711:step.3", "soporte@xpto.example"));
        assertThat(first).matches("<sr-4711-step-3\\.[0-9a-f]{12}@xpto\\.example>");
        assertThat(first).isNotEqualTo(SmtpMessageFactory.messageIdFor("sr-4711.step:3", "soporte@xpto.example"));
    }

    @Test
    void writesTextAndHtmlAsAlternativesAndEncodesTheSubject() throws Exception {
        SendMailRequested request = new SendMailRequested("r1", null, null, List.of("Ana <ana@cliente.example>"), null,
                null, null, "Solicitud nº 4711 — registrada", "Texto", "<p>Html</p>", null, null, null, null);

        MimeMessage message = factory.build(request, OUTBOX, "<r1@xpto.example>");

        assertThat(message.getSubject()).isEqualTo("Solicitud nº 4711 — registrada");
        assertThat(message.getHeader("Subject", null)).startsWith("=?UTF-8?");
        Multipart alternative = (Multipart) message.getContent();
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(alternative.getBodyPart(1).getContent()).isEqualTo("<p>Html</p>");
    }

    @Test
    void sendsHtmlAloneAsTextHtml() throws Exception {
        SendMailRequested request = new SendMailRequested("r1", null, null, List.of("ana@cliente.example"), null, null,
                null, "Hola", null, "<p>Solo html</p>", null, null, null, null);

        MimeMessage message = factory.build(request, OUTBOX, "<r1@xpto.example>");

        assertThat(message.getContentType()).startsWith("text/html");
    }

    @Test
    void addressesEveryRecipientAndThreadsTheReply() throws Exception {
        SendMailRequested request = new SendMailRequested("r1", "xpto", null, List.of("Ana <ana@cliente.example>"),
                List.of("jefe@cliente.example"), List.of("auditoria@xpto.example"), "soporte@xpto.example", "Re: Hola",
                "Texto", null, null, "<CAF1234@mail.cliente.example>",
                List.of("<CAF1000@mail.cliente.example>", "<CAF1234@mail.cliente.example>"), Map.of());

        MimeMessage message = factory.build(request, OUTBOX, "<r1@xpto.example>");

        assertThat(message.getRecipients(RecipientType.TO)).extracting(Object::toString).containsExactly("Ana <ana@cliente.example>");
        assertThat(message.getRecipients(RecipientType.CC)).extracting(Object::toString).containsExactly("jefe@cliente.example");
        assertThat(message.getRecipients(RecipientType.BCC)).extracting(Object::toString).containsExactly("auditoria@xpto.example");
        assertThat(message.getReplyTo()).extracting(Object::toString).containsExactly("soporte@xpto.example");
        assertThat(message.getHeader("In-Reply-To", null)).isEqualTo("<CAF1234@mail.cliente.example>");
        assertThat(message.getHeader("References", null))
                .isEqualTo("<CAF1000@mail.cliente.example> <CAF1234@mail.cliente.example>");
    }

    @Test
    void attachesFilesAfterTheBody() throws Exception {
        SendMailRequested request = new SendMailRequested("r1", null, null, List.of("ana@cliente.example"), null, null,
                null, "Adjunto", "Ver adjunto", null,
                List.of(new SendMailRequested.Attachment("informe año.pdf", "application/pdf", "JVBERi0x"),
                        new SendMailRequested.Attachment("datos.bin", null, "AAEC")),
                null, null, null);

        MimeMessage message = factory.build(request, OUTBOX, "<r1@xpto.example>");

        Multipart mixed = (Multipart) message.getContent();
        assertThat(message.getContentType()).startsWith("multipart/mixed");
        assertThat(mixed.getCount()).isEqualTo(3);
        assertThat(mixed.getBodyPart(0).getContent()).isEqualTo("Ver adjunto");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("informe año.pdf");
        assertThat(mixed.getBodyPart(1).getContentType()).startsWith("application/pdf");
        assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes())
                .isEqualTo("%PDF-1".getBytes(StandardCharsets.US_ASCII));
        assertThat(mixed.getBodyPart(2).getContentType()).startsWith("application/octet-stream");
    }

    @Test
    void refusesAnAttachmentTypeThatIsNotAMimeType() {
        SendMailRequested request = new SendMailRequested("r1", null, null, List.of("ana@cliente.example"), null, null,
                null, "Adjunto", "x", null, List.of(new SendMailRequested.Attachment("a.txt", "not a type;;", "AAEC")),
                null, null, null);

        assertThatExceptionOfType(InvalidMessageException.class)
                .isThrownBy(() -> factory.build(request, OUTBOX, "<r1@xpto.example>"))
                .satisfies(ex -> assertThat(ex.field()).isEqualTo("attachments[0].contentType"));
    }

    @Test
    void writesAMessageThatReadsBackTheSame() throws Exception {
        MimeMessage message = factory.build(textOnly("r1"), OUTBOX, "<r1@xpto.example>");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);

        MimeMessage parsed = new MimeMessage(session, new java.io.ByteArrayInputStream(raw.toByteArray()));

        assertThat(parsed.getMessageID()).isEqualTo("<r1@xpto.example>");
        assertThat(parsed.getContent()).isEqualTo("Su solicitud fue registrada.");
        assertThat(parsed.getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
    }

    private static SendMailRequested textOnly(String requestId) {
        return textOnly(requestId, "Su solicitud fue registrada.");
    }

    private static SendMailRequested textOnly(String requestId, String text) {
        return new SendMailRequested(requestId, "xpto", null, List.of("ana@cliente.example"), null, null, null,
                "Solicitud registrada", text, null, null, null, null, null);
    }
}
