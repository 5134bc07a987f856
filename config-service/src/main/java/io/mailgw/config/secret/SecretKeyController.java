package io.mailgw.config.secret;

import java.security.Principal;
import java.util.List;

import io.mailgw.config.audit.AuditKind;
import io.mailgw.config.audit.AuditLog;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.secret.SecretReEncryption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/secrets/re-encrypt} (ADMIN): after {@code MAILGW_SECRET_KEY} was rotated (the
 * new key set, the old one moved to {@code MAILGW_PREVIOUS_SECRET_KEY} in every service), seals every
 * stored secret again under the new key. Safe to repeat and to run while the services work; once it
 * reports nothing unreadable, the previous key can go. Answers counts and the secrets no key opens,
 * never a value; audited.
 */
@RestController
@RequestMapping("/api/v1/secrets")
class SecretKeyController {

    private static final Logger log = LoggerFactory.getLogger(SecretKeyController.class);

    private final SecretReEncryption reEncryption;
    private final SecretCipher cipher;
    private final AuditLog audit;

    SecretKeyController(SecretReEncryption reEncryption, SecretCipher cipher, AuditLog audit) {
        this.reEncryption = reEncryption;
        this.cipher = cipher;
        this.audit = audit;
    }

    @PostMapping("/re-encrypt")
    ReEncryptionView reEncrypt(Principal user) {
        SecretReEncryption.Report report = reEncryption.reEncryptAll();
        log.info("{} re-encrypted {} stored secret(s) under key {}; {} already were, {} cannot be read",
                user.getName(), report.reEncrypted(), cipher.currentKeyId(), report.current(),
                report.unreadable().size());
        audit.updated(user.getName(), AuditKind.SECRETS, cipher.currentKeyId(), new KeyView(null),
                new KeyView(cipher.currentKeyId()), List.of());
        return new ReEncryptionView(cipher.currentKeyId(), report.reEncrypted(), report.current(), report.unreadable());
    }

    /** The key the secrets are sealed under, as the audit compares it. */
    record KeyView(String keyId) {
    }

    /**
     * @param keyId       the id of the current key, as it appears in every value sealed under it
     * @param reEncrypted secrets sealed again now
     * @param current     secrets that were under the current key already
     * @param unreadable  secrets neither key opens: an admin must set them again
     */
    record ReEncryptionView(String keyId, int reEncrypted, int current,
            List<SecretReEncryption.Unreadable> unreadable) {
    }
}
