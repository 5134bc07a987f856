package io.mailgw.model.mailbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.mailgw.model.FieldViolation;
import io.mailgw.model.Ids;
import io.mailgw.model.auth.OAuth2Login;
import io.mailgw.model.auth.SecretField;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The rules of a mailbox of each type (CONTRACT §4), applied to a document with its defaults
 * filled in. Names the JSON field of every broken rule, with a stable code per rule (the admin
 * page's message bundles translate it) and the English message the API answers with.
 */
public final class MailboxValidator {

    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
                    + "|\\[?[0-9A-Fa-f:.]+]?");
    /** Code of a field that must be given. */
    public static final String REQUIRED = "required";
    /** Code of an id (or a reference to one) that is not 1 to 64 of {@code [A-Za-z0-9._-]}. */
    public static final String ID_FORMAT = "id.format";
    public static final String ID_MESSAGE = "must be 1 to 64 of A-Z a-z 0-9 . _ -";

    private static final int MAX_NAME_LENGTH = 200;
    private static final int MIN_POLL_SECONDS = 10;
    private static final int MAX_POLL_SECONDS = 86_400;
    private static final int MAX_CONNECTIONS = 100;
    private static final int MAX_PER_MINUTE = 1_000_000;

    private MailboxValidator() {
    }

    /**
     * @param given the secrets given now in plain text, besides those the mailbox's login holds already
     */
    public static List<FieldViolation> validate(Mailbox mailbox, Set<SecretField> given) {
        List<FieldViolation> violations = new ArrayList<>();
        checkIdentity(mailbox, violations);
        checkServer(mailbox, violations);
        if (mailbox.auth() instanceof OAuth2Login oauth2) {
            OAuth2Rules.check(mailbox, oauth2, field -> given.contains(field) || oauth2.hasSecret(field), violations);
        }
        else if (mailbox.needsCredentials() && !given.contains(SecretField.PASSWORD)
                && !mailbox.auth().hasSecret(SecretField.PASSWORD)) {
            violations.add(FieldViolation.of("password", REQUIRED, "required"));
        }
        if (mailbox.isInbound()) {
            checkInbound(mailbox.inbound(), violations);
        }
        else if (mailbox.isOutbound()) {
            checkOutbound(mailbox.outbound(), violations);
        }
        return violations;
    }

    private static void checkIdentity(Mailbox mailbox, List<FieldViolation> violations) {
        if (mailbox.id() != null && !Ids.isValid(mailbox.id())) {
            violations.add(FieldViolation.of("id", ID_FORMAT, ID_MESSAGE));
        }
        if (mailbox.type() == null) {
            violations.add(FieldViolation.of("type", "mailbox.type.required", "required: INBOUND or OUTBOUND"));
        }
        if (blank(mailbox.name()) || mailbox.name().length() > MAX_NAME_LENGTH) {
            violations.add(FieldViolation.of("name", "name.required",
                    "required, at most " + MAX_NAME_LENGTH + " characters", MAX_NAME_LENGTH));
        }
        if (mailbox.contractId() != null && !Ids.isValid(mailbox.contractId())) {
            violations.add(FieldViolation.of("contractId", ID_FORMAT, ID_MESSAGE));
        }
    }

    private static void checkServer(Mailbox mailbox, List<FieldViolation> violations) {
        MailServer server = mailbox.server();
        if (blank(server.host()) || !HOST.matcher(server.host()).matches()) {
            violations.add(FieldViolation.of("host", "mailbox.host.invalid", "required, a host name or IP address"));
        }
        if (server.port() == null || server.port() < 1 || server.port() > 65_535) {
            violations.add(FieldViolation.of("port", "mailbox.port.range", "required, 1 to 65535"));
        }
        if (mailbox.needsCredentials() && blank(mailbox.username())) {
            violations.add(FieldViolation.of("username", REQUIRED, "required"));
        }
        if (server.trustedCertificatePem() != null && !isCertificate(server.trustedCertificatePem())) {
            violations.add(FieldViolation.of("trustedCertificatePem", "mailbox.certificate.invalid",
                    "not a PEM X.509 certificate"));
        }
    }

    private static void checkInbound(InboundSettings mailbox, List<FieldViolation> violations) {
        if (mailbox.protocol() == null) {
            violations.add(FieldViolation.of("protocol", "mailbox.protocol.required",
                    "required: IMAP, IMAPS, POP3 or POP3S"));
            return;
        }
        boolean pop3 = mailbox.protocol().isPop3();
        if (blank(mailbox.folder())) {
            violations.add(FieldViolation.of("folder", REQUIRED, "required"));
        }
        else if (pop3 && !InboundSettings.DEFAULT_FOLDER.equals(mailbox.folder())) {
            violations.add(FieldViolation.of("folder", "mailbox.folder.pop3", "POP3 has only INBOX"));
        }
        int interval = mailbox.pollIntervalSeconds() == null ? 0 : mailbox.pollIntervalSeconds();
        if (interval < MIN_POLL_SECONDS || interval > MAX_POLL_SECONDS) {
            violations.add(FieldViolation.of("pollIntervalSeconds", "mailbox.pollInterval.range",
                    "must be " + MIN_POLL_SECONDS + " to " + MAX_POLL_SECONDS, MIN_POLL_SECONDS, MAX_POLL_SECONDS));
        }
        if (pop3 && mailbox.afterRead() != AfterRead.DELETE && mailbox.afterRead() != AfterRead.NONE) {
            violations.add(FieldViolation.of("afterRead", "mailbox.afterRead.pop3",
                    "POP3 supports only DELETE or NONE"));
        }
        boolean move = mailbox.afterRead() == AfterRead.MOVE;
        if (move && blank(mailbox.moveToFolder())) {
            violations.add(FieldViolation.of("moveToFolder", "mailbox.moveToFolder.required",
                    "required when afterRead is MOVE"));
        }
        if (!move && mailbox.moveToFolder() != null) {
            violations.add(FieldViolation.of("moveToFolder", "mailbox.moveToFolder.notAllowed",
                    "only allowed when afterRead is MOVE"));
        }
    }

    private static void checkOutbound(OutboundSettings mailbox, List<FieldViolation> violations) {
        if (blank(mailbox.fromAddress()) || !isAddress(mailbox.fromAddress())) {
            violations.add(FieldViolation.of("fromAddress", "mailbox.fromAddress.invalid",
                    "required, an e-mail address such as soporte@xpto.example"));
        }
        String fromName = mailbox.fromName();
        if (fromName != null && (fromName.length() > MAX_NAME_LENGTH || hasLineBreak(fromName))) {
            violations.add(FieldViolation.of("fromName", "mailbox.fromName.invalid",
                    "at most " + MAX_NAME_LENGTH + " characters, without line breaks", MAX_NAME_LENGTH));
        }
        Integer connections = mailbox.maxConnections();
        if (connections != null && (connections < 1 || connections > MAX_CONNECTIONS)) {
            violations.add(FieldViolation.of("maxConnections", "mailbox.maxConnections.range",
                    "must be 1 to " + MAX_CONNECTIONS, MAX_CONNECTIONS));
        }
        Integer perMinute = mailbox.maxPerMinute();
        if (perMinute != null && (perMinute < 1 || perMinute > MAX_PER_MINUTE)) {
            violations.add(FieldViolation.of("maxPerMinute", "mailbox.maxPerMinute.range",
                    "must be 1 to " + MAX_PER_MINUTE + ", or left out for no cap", MAX_PER_MINUTE));
        }
    }

    private static boolean isAddress(String value) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            return address.getPersonal() == null && address.getAddress().contains("@") && !hasLineBreak(value);
        }
        catch (AddressException ex) {
            return false;
        }
    }

    private static boolean isCertificate(String pem) {
        try {
            return !CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                    .isEmpty();
        }
        catch (CertificateException ex) {
            return false;
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static boolean hasLineBreak(String value) {
        return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
    }
}
