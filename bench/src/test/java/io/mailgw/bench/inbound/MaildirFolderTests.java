package io.mailgw.bench.inbound;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class MaildirFolderTests {

    @Test
    void messagesHaveExactlyTheSizeAskedForAndTheirOwnMessageId() throws Exception {
        byte[] message = MaildirFolder.message("drain", 7, 10_240);

        MimeMessage parsed = new MimeMessage(Session.getInstance(new java.util.Properties()),
                new ByteArrayInputStream(message));
        assertThat(message).hasSize(10_240);
        assertThat(parsed.getMessageID()).isEqualTo("<drain-7@bench.example>");
        assertThat(parsed.getSubject()).isEqualTo("Bench message 7");
    }

    @Test
    void writesEachMessageAsAFileOfCurWithItsSizeInTheName(@TempDir Path maildir) throws Exception {
        new MaildirFolder(maildir).write("drain", 3, 2_048);

        try (var files = Files.list(maildir.resolve("cur"))) {
            assertThat(files.toList()).hasSize(3).allSatisfy(file -> {
                assertThat(file.getFileName().toString()).contains(",S=2048,").endsWith(":2,");
                assertThat(Files.size(file)).isEqualTo(2_048);
            });
        }
        assertThat(maildir.resolve("new")).isDirectory();
        assertThat(maildir.resolve("tmp")).isDirectory();
    }
}
