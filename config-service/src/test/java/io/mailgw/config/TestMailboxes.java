package io.mailgw.config;

/** Mailbox bodies as a client writes them, one named factory per kind of mailbox. */
public final class TestMailboxes {

    /** The password every fixture sends; tests look for it in responses and in MongoDB. */
    public static final String PASSWORD = "S3cret-Pa55word!";

    private TestMailboxes() {
    }

    public static String imapsInbox(String id) {
        return """
                {"id": "%s", "name": "Soporte XPTO (entrada)", "type": "INBOUND", "enabled": true,
                 "host": "imap.xpto.example", "port": 993, "username": "soporte@xpto.example",
                 "password": "%s", "protocol": "IMAPS", "folder": "INBOX", "pollIntervalSeconds": 60,
                 "afterRead": "MARK_SEEN", "moveToFolder": null}
                """.formatted(id, PASSWORD);
    }

    public static String smtpOutbox(String id) {
        return """
                {"id": "%s", "name": "Soporte XPTO (salida)", "type": "OUTBOUND",
                 "host": "smtp.xpto.example", "port": 587, "username": "soporte@xpto.example",
                 "password": "%s", "fromAddress": "soporte@xpto.example", "fromName": "Soporte XPTO",
                 "security": "STARTTLS", "authRequired": true}
                """.formatted(id, PASSWORD);
    }

    public static String contract(String id, String outboundMailboxId) {
        return """
                {"id": "%s", "name": "Empresa %s", "outboundMailboxId": %s}
                """.formatted(id, id, outboundMailboxId == null ? "null" : "\"" + outboundMailboxId + "\"");
    }
}
