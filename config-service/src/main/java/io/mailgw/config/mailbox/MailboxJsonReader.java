package io.mailgw.config.mailbox;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.mailgw.config.web.JsonFields;
import io.mailgw.config.web.Violations;
import io.mailgw.model.auth.MailboxAuth;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.InboundSettings;
import io.mailgw.model.mailbox.MailServer;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.OutboundSettings;
import io.mailgw.model.mailbox.SmtpSecurity;
import io.mailgw.model.mailbox.StartFrom;
import tools.jackson.databind.JsonNode;

/**
 * Reads the one flat mailbox JSON of CONTRACT §4. Every field of the wrong JSON type, every
 * unknown field and every field of the other mailbox type is named, all at once. The fields a
 * response adds ({@code passwordSet}, the timestamps, and in {@code auth} what is set) are accepted
 * and ignored, so that a client may send back what it read. Secrets are write-only: they come out
 * of the draft, in plain text for the editor to encrypt (see {@link AuthJsonReader} for {@code auth}).
 */
public final class MailboxJsonReader {

    static final Set<String> COMMON = Set.of("id", "name", "type", "enabled", "contractId", "host", "port",
            "username", "password", "trustedCertificatePem", "auth");
    static final Set<String> INBOUND = Set.of("protocol", "folder", "pollIntervalSeconds", "afterRead",
            "moveToFolder", "startFrom", "idle", "requireTls");
    static final Set<String> OUTBOUND = Set.of("fromAddress", "fromName", "security", "authRequired",
            "maxConnections", "maxPerMinute");
    static final Set<String> READ_ONLY = Set.of("passwordSet", "createdAt", "updatedAt");

    /** Longest password accepted, in characters. */
    static final int MAX_PASSWORD_LENGTH = 1024;

    private static final Set<String> KNOWN = Stream.of(COMMON, INBOUND, OUTBOUND, READ_ONLY)
            .flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());

    private MailboxJsonReader() {
    }

    /**
     * @param storedType the type of the stored mailbox on a replace, taken when the body has none;
     *                   {@code null} on create
     * @throws io.mailgw.config.web.InvalidRequestException when the body is not a JSON object
     */
    public static MailboxSubmission read(JsonNode body, MailboxType storedType) {
        Violations violations = new Violations();
        JsonFields json = JsonFields.of(body, violations);
        MailboxType type = json.isGiven("type") ? json.oneOf("type", MailboxType.class) : storedType;
        json.rejectUnknown(KNOWN, "a mailbox");
        rejectFieldsOfOtherType(json, type, violations);
        Map<SecretField, String> secrets = new EnumMap<>(SecretField.class);
        String password = json.text("password");
        if (password != null && (password.isEmpty() || password.length() > MAX_PASSWORD_LENGTH)) {
            violations.add("password", "mailbox.password.length", "must be 1 to " + MAX_PASSWORD_LENGTH
                    + " characters; leave it out to keep the stored one", MAX_PASSWORD_LENGTH);
        }
        else if (password != null) {
            secrets.put(SecretField.PASSWORD, password);
        }
        MailboxAuth auth = AuthJsonReader.read(json, secrets, violations);
        Boolean enabled = json.bool("enabled");
        Mailbox draft = Mailbox.builder().id(json.text("id")).name(json.text("name")).type(type)
                .enabled(enabled == null || enabled).contractId(json.text("contractId"))
                .server(new MailServer(json.text("host"), json.integer("port"), json.text("trustedCertificatePem")))
                .username(json.text("username")).auth(auth)
                .inbound(type == MailboxType.INBOUND ? inbound(json) : null)
                .outbound(type == MailboxType.OUTBOUND ? outbound(json) : null)
                .build();
        return new MailboxSubmission(draft, secrets, violations.list());
    }

    private static InboundSettings inbound(JsonFields json) {
        return new InboundSettings(json.oneOf("protocol", InboundProtocol.class), json.text("folder"),
                json.integer("pollIntervalSeconds"), json.oneOf("afterRead", AfterRead.class), json.text("moveToFolder"),
                json.oneOf("startFrom", StartFrom.class), json.bool("idle"), json.bool("requireTls"));
    }

    private static OutboundSettings outbound(JsonFields json) {
        return new OutboundSettings(json.text("fromAddress"), json.text("fromName"),
                json.oneOf("security", SmtpSecurity.class), json.bool("authRequired"), json.integer("maxConnections"),
                json.integer("maxPerMinute"));
    }

    private static void rejectFieldsOfOtherType(JsonFields json, MailboxType type, Violations violations) {
        if (type == null) {
            return;
        }
        MailboxType other = type == MailboxType.INBOUND ? MailboxType.OUTBOUND : MailboxType.INBOUND;
        Set<String> foreign = other == MailboxType.INBOUND ? INBOUND : OUTBOUND;
        json.names().stream().filter(foreign::contains).forEach(name -> violations.add(name, "mailbox.field.otherType",
                "not a field of an " + type + " mailbox (only " + other + " mailboxes have it)", type, other));
    }
}
