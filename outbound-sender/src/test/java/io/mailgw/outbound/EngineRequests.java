package io.mailgw.outbound;

import java.util.UUID;

/**
 * Send requests as a workflow engine in any language would write them: hand-written JSON, no
 * gateway classes.
 */
public final class EngineRequests {

    private EngineRequests() {
    }

    /** A request id no other test uses: the prefix and eight random hex digits. */
    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A request through the default outbox, with text and html and a context to echo. */
    public static String viaDefault(String requestId, String to, String subject) {
        return """
                {"requestId": "%s", "outbox": "DEFAULT", "to": ["Ana <%s>"], "subject": "%s",
                 "text": "Su solicitud fue registrada.", "html": "<p>Su solicitud fue registrada.</p>",
                 "context": {"flowId": "incident-default", "stepId": "notify-requester", "serviceRequestId": "4711"}}
                """.formatted(requestId, to, subject);
    }

    /** A request that names no outbox at all, which means the default. */
    public static String withoutOutbox(String requestId, String contractId, String to, String subject) {
        return """
                {"requestId": "%s", "contractId": "%s", "to": ["%s"], "subject": "%s", "text": "Hola",
                 "context": {"flowId": "no-outbox-named"}}
                """.formatted(requestId, contractId, to, subject);
    }

    /** A request through the contract's own outbox. */
    public static String viaContract(String requestId, String contractId, String to, String subject) {
        return """
                {"requestId": "%s", "contractId": "%s", "outbox": "SPECIFIC", "to": ["%s"], "subject": "%s",
                 "text": "Su solicitud fue registrada.", "context": {"flowId": "incident-%s", "stepId": "notify"}}
                """.formatted(requestId, contractId, to, subject, contractId);
    }

    /** A request that lists no recipient in to, cc or bcc. */
    public static String withoutRecipient(String requestId) {
        return """
                {"requestId": "%s", "outbox": "DEFAULT", "to": [], "cc": [], "subject": "Nadie", "text": "x",
                 "context": {"flowId": "broken"}}
                """.formatted(requestId);
    }

    /** A request whose subject holds CR and LF (JSON escapes), a header injection attempt. */
    public static String withLineBreakInSubject(String requestId, String to) {
        return """
                {"requestId": "%s", "outbox": "DEFAULT", "to": ["%s"],
                 "subject": "Hola\\r\\nBcc: victim@evil.example", "text": "x"}
                """.formatted(requestId, to);
    }

    /** A request that uses every field of CONTRACT §3: cc, bcc, reply-to, both bodies, an attachment, threading. */
    public static String everyField(String requestId, String subject) {
        return """
                {"requestId": "%s", "contractId": "xpto", "outbox": "DEFAULT",
                 "to": ["Ana <ana@cliente.example>"], "cc": ["jefe@cliente.example"], "bcc": ["auditoria@xpto.example"],
                 "replyTo": "soporte@xpto.example", "subject": "%s",
                 "text": "Texto plano", "html": "<p>Texto <b>html</b></p>",
                 "attachments": [{"fileName": "detalle.txt", "contentType": "text/plain", "contentBase64": "aG9sYSBtdW5kbw=="}],
                 "inReplyTo": "<CAF1234@mail.cliente.example>",
                 "references": ["<CAF1000@mail.cliente.example>", "<CAF1234@mail.cliente.example>"],
                 "context": {"flowId": "rich", "step.with.dots": "kept"}}
                """.formatted(requestId, subject);
    }
}
