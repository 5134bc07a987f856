package io.mailgw.config.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The page's two languages say the same things, and every message with arguments can be formatted. */
class MessageBundlesTests {

    @Test
    void spanishAndEnglishHaveTheSameKeys() throws IOException {
        assertThat(bundle("es").stringPropertyNames()).isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(bundle("en").stringPropertyNames());
    }

    @Test
    void translatesEveryCodeTheMailboxRulesUse() throws IOException {
        Properties spanish = bundle("es");

        assertThat(spanish.stringPropertyNames()).contains("violation.required", "violation.id.format",
                "violation.mailbox.port.range", "violation.mailbox.pollInterval.range", "violation.json.integer",
                "violation.outbox.notOutbound", "connection.AUTH_FAILED", "connection.UNREACHABLE",
                "connection.TLS_FAILED", "connection.FOLDER_MISSING", "connection.REFUSED", "connection.OK");
    }

    @Test
    void everyMessageWithArgumentsFormats() throws IOException {
        for (String language : new String[] {"es", "en"}) {
            Properties messages = bundle(language);
            for (String key : messages.stringPropertyNames()) {
                String pattern = messages.getProperty(key);
                if (pattern.contains("{0")) {
                    assertThatCode(() -> new MessageFormat(pattern, Locale.forLanguageTag(language))
                            .format(new Object[] {2, 3})).as(language + ": " + key).doesNotThrowAnyException();
                }
            }
        }
    }

    private static Properties bundle(String language) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTests.class.getResourceAsStream("/messages_" + language + ".properties")) {
            assertThat(in).as("messages_" + language + ".properties").isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
