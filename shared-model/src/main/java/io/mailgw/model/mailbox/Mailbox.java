package io.mailgw.model.mailbox;

import java.time.Instant;

import io.mailgw.model.auth.MailboxAuth;
import io.mailgw.model.auth.PasswordLogin;
import io.mailgw.model.secret.EncryptedSecret;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One account on one mail server (CONTRACT §4), in typed parts: the server, the login, and the
 * settings of its type ({@code inbound} or {@code outbound}; the other one is {@code null}). The
 * login's secrets are stored encrypted only, bound to the mailbox's id. Build one with
 * {@link #builder()} or change one with {@link #toBuilder()}; the REST JSON stays flat, which the
 * config service maps.
 *
 * @param server   never {@code null}
 * @param auth     how it logs in; never {@code null}, a {@link PasswordLogin} without password by default
 * @param inbound  the settings of an {@code INBOUND} mailbox, else {@code null}
 * @param outbound the settings of an {@code OUTBOUND} mailbox, else {@code null}
 * @param version  optimistic lock, managed by Spring Data
 */
@Document(Mailbox.COLLECTION)
public record Mailbox(
        @Id String id,
        String name,
        MailboxType type,
        boolean enabled,
        String contractId,
        MailServer server,
        String username,
        MailboxAuth auth,
        InboundSettings inbound,
        OutboundSettings outbound,
        Instant createdAt,
        Instant updatedAt,
        @Version Long version) {

    public static final String COLLECTION = "mailboxes";
    public static final String DEFAULT_FOLDER = InboundSettings.DEFAULT_FOLDER;

    public Mailbox {
        server = server != null ? server : new MailServer(null, null, null);
        auth = auth != null ? auth : MailboxAuth.none();
        inbound = type == MailboxType.INBOUND ? (inbound != null ? inbound : emptyInbound()) : null;
        outbound = type == MailboxType.OUTBOUND ? (outbound != null ? outbound : emptyOutbound()) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public boolean isInbound() {
        return type == MailboxType.INBOUND;
    }

    public boolean isOutbound() {
        return type == MailboxType.OUTBOUND;
    }

    /** Whether the server asks for a login: always for inbound, per {@code authRequired} for outbound. */
    public boolean needsCredentials() {
        return isInbound() || (outbound != null && outbound.needsLogin());
    }

    /**
     * The same mailbox with the defaults of its type filled in (see {@link InboundSettings} and
     * {@link OutboundSettings}), and the standard port of the protocol when none is given.
     */
    public Mailbox withDefaults() {
        if (isInbound()) {
            InboundSettings settings = inbound.withDefaults();
            MailServer withPort = settings.protocol() == null ? server : server.withPortIfAbsent(settings.standardPort());
            return toBuilder().server(withPort).inbound(settings).build();
        }
        if (isOutbound()) {
            OutboundSettings settings = outbound.withDefaults();
            return toBuilder().server(server.withPortIfAbsent(settings.standardPort())).outbound(settings).build();
        }
        return this;
    }

    /** The same mailbox as saved at {@code now}, keeping the version the caller read. */
    public Mailbox stamped(Instant created, Instant now, Long expectedVersion) {
        return toBuilder().createdAt(created).updatedAt(now).version(expectedVersion).build();
    }

    /**
     * Where the mailbox lives, for logs and errors, as a URL without secret:
     * {@code imaps://soporte%40xpto.example@imap.xpto.example:993/INBOX} (an {@code @} in the user
     * name is written {@code %40}, so that the host stays the part after the last {@code @}).
     */
    public String describe() {
        String scheme = isInbound() ? (inbound.protocol() == null ? "inbound" : inbound.protocol().name().toLowerCase())
                : (outbound != null && outbound.security() == SmtpSecurity.SSL ? "smtps" : "smtp");
        String path = isInbound() && inbound.folder() != null ? "/" + inbound.folder() : "";
        return scheme + "://" + (username == null ? "" : username.replace("@", "%40") + "@") + server.host() + ":"
                + server.port() + path;
    }

    private static InboundSettings emptyInbound() {
        return new InboundSettings(null, null, null, null, null, null, null, null);
    }

    private static OutboundSettings emptyOutbound() {
        return new OutboundSettings(null, null, null, null, null, null);
    }

    /** Builds a mailbox field by field; the part of the other type is dropped. */
    public static final class Builder {

        private String id;
        private String name;
        private MailboxType type;
        private boolean enabled = true;
        private String contractId;
        private MailServer server = new MailServer(null, null, null);
        private String username;
        private MailboxAuth auth = MailboxAuth.none();
        private InboundSettings inbound = emptyInbound();
        private OutboundSettings outbound = emptyOutbound();
        private Instant createdAt;
        private Instant updatedAt;
        private Long version;

        private Builder() {
        }

        private Builder(Mailbox m) {
            id = m.id;
            name = m.name;
            type = m.type;
            enabled = m.enabled;
            contractId = m.contractId;
            server = m.server;
            username = m.username;
            auth = m.auth;
            inbound = m.inbound != null ? m.inbound : emptyInbound();
            outbound = m.outbound != null ? m.outbound : emptyOutbound();
            createdAt = m.createdAt;
            updatedAt = m.updatedAt;
            version = m.version;
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder type(MailboxType value) {
            type = value;
            return this;
        }

        public Builder enabled(boolean value) {
            enabled = value;
            return this;
        }

        public Builder contractId(String value) {
            contractId = value;
            return this;
        }

        public Builder server(MailServer value) {
            server = value;
            return this;
        }

        public Builder host(String value) {
            server = new MailServer(value, server.port(), server.trustedCertificatePem());
            return this;
        }

        public Builder port(Integer value) {
            server = new MailServer(server.host(), value, server.trustedCertificatePem());
            return this;
        }

        public Builder trustedCertificatePem(String value) {
            server = new MailServer(server.host(), server.port(), value);
            return this;
        }

        public Builder username(String value) {
            username = value;
            return this;
        }

        public Builder auth(MailboxAuth value) {
            auth = value;
            return this;
        }

        /** A password login with {@code value}. */
        public Builder password(EncryptedSecret value) {
            auth = new PasswordLogin(value);
            return this;
        }

        public Builder inbound(InboundSettings value) {
            inbound = value;
            return this;
        }

        public Builder outbound(OutboundSettings value) {
            outbound = value;
            return this;
        }

        public Builder protocol(InboundProtocol value) {
            inbound = new InboundSettings(value, inbound.folder(), inbound.pollIntervalSeconds(), inbound.afterRead(),
                    inbound.moveToFolder(), inbound.startFrom(), inbound.idle(), inbound.requireTls());
            return this;
        }

        public Builder folder(String value) {
            inbound = new InboundSettings(inbound.protocol(), value, inbound.pollIntervalSeconds(), inbound.afterRead(),
                    inbound.moveToFolder(), inbound.startFrom(), inbound.idle(), inbound.requireTls());
            return this;
        }

        public Builder pollIntervalSeconds(Integer value) {
            inbound = new InboundSettings(inbound.protocol(), inbound.folder(), value, inbound.afterRead(),
                    inbound.moveToFolder(), inbound.startFrom(), inbound.idle(), inbound.requireTls());
            return this;
        }

        public Builder afterRead(AfterRead value, String moveToFolder) {
            inbound = new InboundSettings(inbound.protocol(), inbound.folder(), inbound.pollIntervalSeconds(), value,
                    moveToFolder, inbound.startFrom(), inbound.idle(), inbound.requireTls());
            return this;
        }

        public Builder startFrom(StartFrom value) {
            inbound = new InboundSettings(inbound.protocol(), inbound.folder(), inbound.pollIntervalSeconds(),
                    inbound.afterRead(), inbound.moveToFolder(), value, inbound.idle(), inbound.requireTls());
            return this;
        }

        public Builder idle(Boolean value) {
            inbound = new InboundSettings(inbound.protocol(), inbound.folder(), inbound.pollIntervalSeconds(),
                    inbound.afterRead(), inbound.moveToFolder(), inbound.startFrom(), value, inbound.requireTls());
            return this;
        }

        public Builder requireTls(Boolean value) {
            inbound = new InboundSettings(inbound.protocol(), inbound.folder(), inbound.pollIntervalSeconds(),
                    inbound.afterRead(), inbound.moveToFolder(), inbound.startFrom(), inbound.idle(), value);
            return this;
        }

        public Builder from(String address, String displayName) {
            outbound = new OutboundSettings(address, displayName, outbound.security(), outbound.authRequired(),
                    outbound.maxConnections(), outbound.maxPerMinute());
            return this;
        }

        public Builder security(SmtpSecurity value) {
            outbound = new OutboundSettings(outbound.fromAddress(), outbound.fromName(), value, outbound.authRequired(),
                    outbound.maxConnections(), outbound.maxPerMinute());
            return this;
        }

        public Builder authRequired(Boolean value) {
            outbound = new OutboundSettings(outbound.fromAddress(), outbound.fromName(), outbound.security(), value,
                    outbound.maxConnections(), outbound.maxPerMinute());
            return this;
        }

        public Builder maxConnections(Integer value) {
            outbound = new OutboundSettings(outbound.fromAddress(), outbound.fromName(), outbound.security(),
                    outbound.authRequired(), value, outbound.maxPerMinute());
            return this;
        }

        public Builder maxPerMinute(Integer value) {
            outbound = new OutboundSettings(outbound.fromAddress(), outbound.fromName(), outbound.security(),
                    outbound.authRequired(), outbound.maxConnections(), value);
            return this;
        }

        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        public Builder updatedAt(Instant value) {
            updatedAt = value;
            return this;
        }

        public Builder version(Long value) {
            version = value;
            return this;
        }

        public Mailbox build() {
            return new Mailbox(id, name, type, enabled, contractId, server, username, auth, inbound, outbound,
                    createdAt, updatedAt, version);
        }
    }
}
