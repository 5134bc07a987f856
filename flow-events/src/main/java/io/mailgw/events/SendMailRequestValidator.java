package io.mailgw.events;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The rules of CONTRACT §3 for {@link SendMailRequested}. The sender applies them to every
 * record it reads; an engine may apply them before it publishes.
 */
public final class SendMailRequestValidator {

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern CONTRACT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final int MAX_SUBJECT_LENGTH = 998;

    private final Limits limits;

    public SendMailRequestValidator(Limits limits) {
        this.limits = limits;
    }

    /** Every rule the request breaks, in field order; empty when it is valid. */
    public List<Violation> validate(SendMailRequested request) {
        List<Violation> violations = new ArrayList<>();
        checkIds(request, violations);
        checkRecipients(request, violations);
        checkContent(request, violations);
        checkAttachments(request, violations);
        checkThreading(request, violations);
        return violations;
    }

    private void checkIds(SendMailRequested request, List<Violation> violations) {
        if (request.requestId() == null || !REQUEST_ID.matcher(request.requestId()).matches()) {
            violations.add(new Violation("requestId", "required, 1 to 128 of A-Z a-z 0-9 . _ : -"));
        }
        if (request.contractId() != null && !CONTRACT_ID.matcher(request.contractId()).matches()) {
            violations.add(new Violation("contractId", "must be 1 to 64 of A-Z a-z 0-9 . _ -"));
        }
        if (request.outboxOrDefault() == OutboxChoice.SPECIFIC && request.contractId() == null) {
            violations.add(new Violation("contractId", "required when outbox is SPECIFIC"));
        }
    }

    private void checkRecipients(SendMailRequested request, List<Violation> violations) {
        int total = request.to().size() + request.cc().size() + request.bcc().size();
        if (total == 0) {
            violations.add(new Violation("to", "at least one recipient is required in to, cc or bcc"));
        }
        if (total > limits.maxRecipients()) {
            violations.add(new Violation("to", total + " recipients exceed the limit of " + limits.maxRecipients()));
        }
        checkAddresses("to", request.to(), violations);
        checkAddresses("cc", request.cc(), violations);
        checkAddresses("bcc", request.bcc(), violations);
        if (request.replyTo() != null && !isAddress(request.replyTo())) {
            violations.add(new Violation("replyTo", "not an RFC 5322 address: " + printable(request.replyTo())));
        }
    }

    private void checkContent(SendMailRequested request, List<Violation> violations) {
        String subject = request.subject();
        if (subject == null || subject.isBlank()) {
            violations.add(new Violation("subject", "required"));
        }
        else if (hasLineBreak(subject)) {
            violations.add(new Violation("subject", "must not contain CR or LF"));
        }
        else if (subject.length() > MAX_SUBJECT_LENGTH) {
            violations.add(new Violation("subject", "longer than " + MAX_SUBJECT_LENGTH + " characters"));
        }
        if (request.text() == null && request.html() == null) {
            violations.add(new Violation("text", "text or html is required"));
        }
    }

    private void checkAttachments(SendMailRequested request, List<Violation> violations) {
        long totalBytes = 0;
        for (int i = 0; i < request.attachments().size(); i++) {
            SendMailRequested.Attachment attachment = request.attachments().get(i);
            String field = "attachments[" + i + "]";
            if (attachment.fileName() == null || attachment.fileName().isBlank() || hasLineBreak(attachment.fileName())) {
                violations.add(new Violation(field + ".fileName", "required, without CR or LF"));
            }
            if (attachment.contentBase64() == null) {
                violations.add(new Violation(field + ".contentBase64", "required"));
                continue;
            }
            try {
                totalBytes += Base64.getDecoder().decode(WHITESPACE.matcher(attachment.contentBase64()).replaceAll("")).length;
            }
            catch (IllegalArgumentException ex) {
                violations.add(new Violation(field + ".contentBase64", "not valid base64"));
            }
        }
        if (totalBytes > limits.maxAttachmentBytes()) {
            violations.add(new Violation("attachments", "total size " + totalBytes + " bytes exceeds the limit of "
                    + limits.maxAttachmentBytes() + " bytes"));
        }
    }

    private void checkThreading(SendMailRequested request, List<Violation> violations) {
        if (request.inReplyTo() != null && hasLineBreak(request.inReplyTo())) {
            violations.add(new Violation("inReplyTo", "must not contain CR or LF"));
        }
        for (int i = 0; i < request.references().size(); i++) {
            if (hasLineBreak(request.references().get(i))) {
                violations.add(new Violation("references[" + i + "]", "must not contain CR or LF"));
            }
        }
    }

    private static void checkAddresses(String field, List<String> addresses, List<Violation> violations) {
        for (int i = 0; i < addresses.size(); i++) {
            if (!isAddress(addresses.get(i))) {
                violations.add(new Violation(field + "[" + i + "]", "not an RFC 5322 address: " + printable(addresses.get(i))));
            }
        }
    }

    /** One mailbox in RFC 5322 syntax, with a domain ({@code Ana <ana@cliente.example>}). */
    static boolean isAddress(String value) {
        if (value == null || hasLineBreak(value)) {
            return false;
        }
        try {
            InternetAddress[] parsed = InternetAddress.parse(value, true);
            return parsed.length == 1 && parsed[0].getAddress().contains("@");
        }
        catch (AddressException ex) {
            return false;
        }
    }

    private static boolean hasLineBreak(String value) {
        return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
    }

    private static String printable(String value) {
        String shown = value.replace("\r", "\\r").replace("\n", "\\n");
        return shown.length() > 80 ? shown.substring(0, 80) + "…" : shown;
    }

    /**
     * Caps of CONTRACT §3.
     *
     * @param maxRecipients      recipients in to, cc and bcc together; default 100
     * @param maxAttachmentBytes decoded attachment bytes of one request; default 10 MB
     */
    public record Limits(int maxRecipients, long maxAttachmentBytes) {

        public static final Limits DEFAULTS = new Limits(100, 10L * 1024 * 1024);

        public Limits {
            if (maxRecipients < 1 || maxAttachmentBytes < 0) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }
}
