package io.mailgw.events;

import java.util.List;
import java.util.Map;

/**
 * A workflow engine's request to send one mail ({@code mail.outbound.requests}).
 * Absent lists and maps become empty; the rules of CONTRACT §3 are checked by
 * {@link SendMailRequestValidator}, so that a broken request can still be parsed and answered
 * with a {@code REJECTED} status that names the field.
 */
public record SendMailRequested(
        String requestId,
        String contractId,
        OutboxChoice outbox,
        List<String> to,
        List<String> cc,
        List<String> bcc,
        String replyTo,
        String subject,
        String text,
        String html,
        List<Attachment> attachments,
        String inReplyTo,
        List<String> references,
        Map<String, String> context) {

    public SendMailRequested {
        to = listOrEmpty(to);
        cc = listOrEmpty(cc);
        bcc = listOrEmpty(bcc);
        attachments = listOrEmpty(attachments);
        references = listOrEmpty(references);
        context = context == null ? Map.of() : Map.copyOf(context);
    }

    /** The outbox asked for; an absent choice means the default (CONTRACT §2 rule 1). */
    public OutboxChoice outboxOrDefault() {
        return outbox == null ? OutboxChoice.DEFAULT : outbox;
    }

    /** The Kafka record key: the contract, or {@value Topics#DEFAULT_KEY}. */
    public String recordKey() {
        return contractId == null || contractId.isBlank() ? Topics.DEFAULT_KEY : contractId;
    }

    /** One attachment, its content base64-encoded. */
    public record Attachment(String fileName, String contentType, String contentBase64) {

        @Override
        public String toString() {
            return "Attachment[fileName=" + fileName + ", contentType=" + contentType + "]";
        }
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list.stream().filter(java.util.Objects::nonNull).toList();
    }
}
