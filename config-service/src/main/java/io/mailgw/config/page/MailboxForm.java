package io.mailgw.config.page;

import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.InboundSettings;
import io.mailgw.model.mailbox.MailServer;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.OutboundSettings;
import io.mailgw.model.mailbox.SmtpSecurity;
import io.mailgw.model.mailbox.StartFrom;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mailbox form as the browser posts it: every field as typed, the login in {@link AuthForm}.
 * It becomes the API's mailbox JSON ({@link #toJson}), so that the page is held to exactly the
 * API's rules. The password goes one way only: a form built from a stored mailbox has none, and an
 * empty one is left out of the JSON, which keeps the stored password. Not a record, so that no
 * {@code toString()} prints it.
 */
public class MailboxForm {

    private String id;
    private String name;
    private boolean enabled = true;
    private String contractId;
    private String host;
    private String port;
    private String username;
    private String password;
    private String trustedCertificatePem;
    private String protocol;
    private String folder;
    private String pollIntervalSeconds;
    private String afterRead;
    private String moveToFolder;
    private String startFrom;
    private boolean idle = true;
    private boolean requireTls = true;
    private String fromAddress;
    private String fromName;
    private String security;
    private boolean authRequired = true;
    private String maxConnections;
    private String maxPerMinute;
    private AuthForm auth = new AuthForm();

    /** An empty form of {@code type} with the defaults an admin most often keeps. */
    static MailboxForm blank(MailboxType type) {
        MailboxForm form = new MailboxForm();
        if (type == MailboxType.INBOUND) {
            form.protocol = InboundProtocol.IMAPS.name();
            form.folder = InboundSettings.DEFAULT_FOLDER;
            form.pollIntervalSeconds = String.valueOf(InboundSettings.DEFAULT_POLL_INTERVAL_SECONDS);
            form.afterRead = AfterRead.MARK_SEEN.name();
            form.startFrom = StartFrom.NOW.name();
        }
        else {
            form.security = SmtpSecurity.STARTTLS.name();
            form.maxConnections = String.valueOf(OutboundSettings.DEFAULT_MAX_CONNECTIONS);
        }
        return form;
    }

    /** The type a form names ({@code INBOUND} or {@code OUTBOUND}), or {@code null} for anything else. */
    static MailboxType typeOf(String type) {
        for (MailboxType candidate : MailboxType.values()) {
            if (candidate.name().equals(type)) {
                return candidate;
            }
        }
        return null;
    }

    /** The stored mailbox as the form shows it: every field but the password. */
    static MailboxForm of(Mailbox m) {
        MailboxForm form = new MailboxForm();
        form.id = m.id();
        form.name = m.name();
        form.enabled = m.enabled();
        form.contractId = m.contractId();
        MailServer server = m.server();
        form.host = server.host();
        form.port = text(server.port());
        form.username = m.username();
        form.trustedCertificatePem = server.trustedCertificatePem();
        form.auth = AuthForm.of(m.auth());
        if (m.inbound() != null) {
            InboundSettings in = m.inbound();
            form.protocol = text(in.protocol());
            form.folder = in.folder();
            form.pollIntervalSeconds = text(in.pollIntervalSeconds());
            form.afterRead = text(in.afterRead());
            form.moveToFolder = in.moveToFolder();
            form.startFrom = text(in.startFrom());
            form.idle = in.idleWanted();
            form.requireTls = in.tlsRequired();
        }
        if (m.outbound() != null) {
            OutboundSettings out = m.outbound();
            form.fromAddress = out.fromAddress();
            form.fromName = out.fromName();
            form.security = text(out.security());
            form.authRequired = out.needsLogin();
            form.maxConnections = text(out.maxConnections());
            form.maxPerMinute = text(out.maxPerMinute());
        }
        return form;
    }

    /**
     * The mailbox JSON of CONTRACT §4 for a mailbox of {@code type}: the fields of that type only,
     * empty fields left out (so the API's defaults apply), numbers as numbers when they are ones.
     */
    ObjectNode toJson(MailboxType type) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", type.name());
        json.put("enabled", enabled);
        putText(json, "id", id);
        putText(json, "name", name);
        putText(json, "contractId", contractId);
        putText(json, "host", host);
        putNumber(json, "port", port);
        putText(json, "username", username);
        if (password != null && !password.isEmpty() && !auth.isOAuth2()) {
            json.put("password", password);
        }
        auth.putInto(json);
        putText(json, "trustedCertificatePem", trustedCertificatePem);
        if (type == MailboxType.INBOUND) {
            putText(json, "protocol", protocol);
            putText(json, "folder", folder);
            putNumber(json, "pollIntervalSeconds", pollIntervalSeconds);
            putText(json, "afterRead", afterRead);
            putText(json, "moveToFolder", moveToFolder);
            putText(json, "startFrom", startFrom);
            json.put("idle", idle);
            json.put("requireTls", requireTls);
        }
        else {
            putText(json, "fromAddress", fromAddress);
            putText(json, "fromName", fromName);
            putText(json, "security", security);
            json.put("authRequired", authRequired);
            putNumber(json, "maxConnections", maxConnections);
            putNumber(json, "maxPerMinute", maxPerMinute);
        }
        return json;
    }

    /** Forgets the typed password and secrets, so that a form shown again never carries them back to the browser. */
    void forgetSecrets() {
        password = null;
        auth.forgetSecrets();
    }

    static void putText(ObjectNode json, String field, String value) {
        if (value != null && !value.isBlank()) {
            json.put(field, value.strip());
        }
    }

    /** A whole number as a number; anything else as text, which the reader refuses by name. */
    private static void putNumber(ObjectNode json, String field, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            json.put(field, Integer.parseInt(value.strip()));
        }
        catch (NumberFormatException ex) {
            json.put(field, value.strip());
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    @Override
    public String toString() {
        return "MailboxForm[" + id + ", password " + (password == null || password.isEmpty() ? "empty" : "typed")
                + "]";
    }

    // accessors for form binding

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getContractId() {
        return contractId;
    }

    public void setContractId(String contractId) {
        this.contractId = contractId;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public String getPort() {
        return port;
    }

    public void setPort(String port) {
        this.port = port;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    /** Write-only: the template never reads it; there is no getter. */
    public void setPassword(String password) {
        this.password = password;
    }

    public String getTrustedCertificatePem() {
        return trustedCertificatePem;
    }

    public void setTrustedCertificatePem(String trustedCertificatePem) {
        this.trustedCertificatePem = trustedCertificatePem;
    }

    public String getProtocol() {
        return protocol;
    }

    public void setProtocol(String protocol) {
        this.protocol = protocol;
    }

    public String getFolder() {
        return folder;
    }

    public void setFolder(String folder) {
        this.folder = folder;
    }

    public String getPollIntervalSeconds() {
        return pollIntervalSeconds;
    }

    public void setPollIntervalSeconds(String pollIntervalSeconds) {
        this.pollIntervalSeconds = pollIntervalSeconds;
    }

    public String getAfterRead() {
        return afterRead;
    }

    public void setAfterRead(String afterRead) {
        this.afterRead = afterRead;
    }

    public String getMoveToFolder() {
        return moveToFolder;
    }

    public void setMoveToFolder(String moveToFolder) {
        this.moveToFolder = moveToFolder;
    }

    public String getStartFrom() {
        return startFrom;
    }

    public void setStartFrom(String startFrom) {
        this.startFrom = startFrom;
    }

    public String getFromAddress() {
        return fromAddress;
    }

    public void setFromAddress(String fromAddress) {
        this.fromAddress = fromAddress;
    }

    public String getFromName() {
        return fromName;
    }

    public void setFromName(String fromName) {
        this.fromName = fromName;
    }

    public String getSecurity() {
        return security;
    }

    public void setSecurity(String security) {
        this.security = security;
    }

    public boolean isAuthRequired() {
        return authRequired;
    }

    public void setAuthRequired(boolean authRequired) {
        this.authRequired = authRequired;
    }

    public boolean isIdle() {
        return idle;
    }

    public void setIdle(boolean idle) {
        this.idle = idle;
    }

    public boolean isRequireTls() {
        return requireTls;
    }

    public void setRequireTls(boolean requireTls) {
        this.requireTls = requireTls;
    }

    public String getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(String maxConnections) {
        this.maxConnections = maxConnections;
    }

    public AuthForm getAuth() {
        return auth;
    }

    public void setAuth(AuthForm auth) {
        this.auth = auth;
    }

    public String getMaxPerMinute() {
        return maxPerMinute;
    }

    public void setMaxPerMinute(String maxPerMinute) {
        this.maxPerMinute = maxPerMinute;
    }
}
