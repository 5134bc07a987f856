package io.mailgw.model.mailbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.mailgw.model.FieldViolation;
import io.mailgw.model.Ids;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The rules of a mailbox of each type (CONTRACT §4), applied to a document with its defaults
 * filled in. Names the JSON field of every broken rule.
 */
public final class MailboxValidator {

    private static final Pattern HOST = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
                    + "|\\[?[0-9A-Fa-f:.]+]?");
    private static final int MIN_POLL_SECONDS = 10;
    private static final int MAX_POLL_SECONDS = 86_400;

    private MailboxValidator() {
    }

    /**
     * @param hasPassword whether a password is given now or already stored
     */
    public static List<FieldViolation> validate(Mailbox mailbox, boolean hasPassword) {
        List<FieldViolation> violations = new ArrayList<>();
        checkCommon(mailbox, hasPassword, violations);
        if (mailbox.isInbound()) {
            checkInbound(mailbox, violations);
        }
        else if (mailbox.isOutbound()) {
            checkOutbound(mailbox, violations);
        }
        return violations;
    }

    private static void checkCommon(Mailbox mailbox, boolean hasPassword, List<FieldViolation> violations) {
        if (mailbox.id() != null && !Ids.isValid(mailbox.id())) {
            violations.add(new FieldViolation("id", "must be 1 to 64 of A-Z a-z 0-9 . _ -"));
        }
        if (mailbox.type() == null) {
            violations.add(new FieldViolation("type", "required: INBOUND or OUTBOUND"));
        }
        if (blank(mailbox.name()) || mailbox.name().length() > 200) {
            violations.add(new FieldViolation("name", "required, at most 200 characters"));
        }
        if (mailbox.contractId() != null && !Ids.isValid(mailbox.contractId())) {
            violations.add(new FieldViolation("contractId", "must be 1 to 64 of A-Z a-z 0-9 . _ -"));
        }
        if (blank(mailbox.host()) || !HOST.matcher(mailbox.host()).matches()) {
            violations.add(new FieldViolation("host", "required, a host name or IP address"));
        }
        if (mailbox.port() == null || mailbox.port() < 1 || mailbox.port() > 65_535) {
            violations.add(new FieldViolation("port", "required, 1 to 65535"));
        }
        if (mailbox.needsCredentials() && blank(mailbox.username())) {
            violations.add(new FieldViolation("username", "required"));
        }
        if (mailbox.needsCredentials() && !hasPassword) {
            violations.add(new FieldViolation("password", "required"));
        }
        if (mailbox.trustedCertificatePem() != null && !isCertificate(mailbox.trustedCertificatePem())) {
            violations.add(new FieldViolation("trustedCertificatePem", "not a PEM X.509 certificate"));
        }
    }

    private static void checkInbound(Mailbox mailbox, List<FieldViolation> violations) {
        if (mailbox.protocol() == null) {
            violations.add(new FieldViolation("protocol", "required: IMAP, IMAPS, POP3 or POP3S"));
            return;
        }
        boolean pop3 = mailbox.protocol().isPop3();
        if (blank(mailbox.folder())) {
            violations.add(new FieldViolation("folder", "required"));
        }
        else if (pop3 && !Mailbox.DEFAULT_FOLDER.equals(mailbox.folder())) {
            violations.add(new FieldViolation("folder", "POP3 has only INBOX"));
        }
        int interval = mailbox.pollIntervalSeconds();
        if (interval < MIN_POLL_SECONDS || interval > MAX_POLL_SECONDS) {
            violations.add(new FieldViolation("pollIntervalSeconds",
                    "must be " + MIN_POLL_SECONDS + " to " + MAX_POLL_SECONDS));
        }
        if (pop3 && mailbox.afterRead() != AfterRead.DELETE && mailbox.afterRead() != AfterRead.NONE) {
            violations.add(new FieldViolation("afterRead", "POP3 supports only DELETE or NONE"));
        }
        boolean move = mailbox.afterRead() == AfterRead.MOVE;
        if (move && blank(mailbox.moveToFolder())) {
            violations.add(new FieldViolation("moveToFolder", "required when afterRead is MOVE"));
        }
        if (!move && mailbox.moveToFolder() != null) {
            violations.add(new FieldViolation("moveToFolder", "only allowed when afterRead is MOVE"));
        }
    }

    private static void checkOutbound(Mailbox mailbox, List<FieldViolation> violations) {
        if (blank(mailbox.fromAddress()) || !isAddress(mailbox.fromAddress())) {
            violations.add(new FieldViolation("fromAddress", "required, an e-mail address such as soporte@xpto.example"));
        }
        if (mailbox.fromName() != null && (mailbox.fromName().length() > 200 || hasLineBreak(mailbox.fromName()))) {
            violations.add(new FieldViolation("fromName", "at most 200 characters, without line breaks"));
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

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean hasLineBreak(String value) {
        return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
    }
}
