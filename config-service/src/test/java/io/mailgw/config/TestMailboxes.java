package io.mailgw.config;

import io.mailgw.model.auth.PasswordLogin;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.secret.EncryptedSecret;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.secret.StoredSecrets;
import org.bson.Document;

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

    /** The stored password of a mailbox, decrypted. */
    public static String passwordOf(Mailbox mailbox, SecretCipher cipher) {
        return cipher.decrypt(((PasswordLogin) mailbox.auth()).password(), mailbox.id());
    }

    /** The ciphertext of a secret in a mailbox document as MongoDB holds it, or {@code null}. */
    public static String storedCiphertext(Document mailbox, SecretField field) {
        return mailbox.getEmbedded(java.util.List.of(StoredSecrets.ciphertextPath(field).split("\\.")), String.class);
    }

    /** A secret of a mailbox document as MongoDB holds it, decrypted. */
    public static String storedSecret(Document mailbox, SecretField field, SecretCipher cipher) {
        return cipher.decrypt(new EncryptedSecret(storedCiphertext(mailbox, field)), mailbox.getString("_id"));
    }
}
