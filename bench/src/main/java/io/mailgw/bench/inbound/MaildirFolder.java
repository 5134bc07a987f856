package io.mailgw.bench.inbound;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes messages straight into a maildir's {@code cur/}, as files, so that a folder of 10,000
 * messages is ready in seconds instead of 10,000 SMTP deliveries. Each message is a plain-text
 * mail of exactly the given size with a Message-ID of {@code <prefix-n@bench.example>}.
 */
final class MaildirFolder {

    private final Path maildir;

    MaildirFolder(Path maildir) {
        this.maildir = maildir;
    }

    /** Writes messages 1 to {@code count}, each {@code bytes} long. */
    void write(String prefix, int count, int bytes) throws IOException {
        Path cur = Files.createDirectories(maildir.resolve("cur"));
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("tmp"));
        long now = System.currentTimeMillis() / 1000;
        for (int number = 1; number <= count; number++) {
            byte[] message = message(prefix, number, bytes);
            String name = now + ".M" + number + "P1.bench,S=" + message.length + ",W=" + message.length + ":2,";
            Files.write(cur.resolve(name), message);
        }
    }

    /** One message of exactly {@code bytes} bytes, headers included (at least the headers' size). */
    static byte[] message(String prefix, int number, int bytes) {
        String headers = "From: Ana <ana@cliente.example>\n"
                + "To: support@bench.example\n"
                + "Subject: Bench message " + number + "\n"
                + "Date: " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME) + "\n"
                + "Message-ID: " + messageId(prefix, number) + "\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: text/plain; charset=us-ascii\n\n";
        StringBuilder text = new StringBuilder(headers);
        while (text.length() < bytes) {
            text.append("The printer on the third floor prints blank pages again, since this morning.\n");
        }
        if (text.length() > bytes) {
            text.setLength(Math.max(bytes - 1, headers.length()));
            text.append('\n');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static String messageId(String prefix, int number) {
        return "<" + prefix + "-" + number + "@bench.example>";
    }
}
