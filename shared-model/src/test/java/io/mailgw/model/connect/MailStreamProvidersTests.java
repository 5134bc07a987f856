package io.mailgw.model.connect;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.StreamProvider;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MailStreamProvidersTests {

    private final String before = System.getProperty(MailStreamProviders.PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(MailStreamProviders.PROPERTY);
        }
        else {
            System.setProperty(MailStreamProviders.PROPERTY, before);
        }
    }

    @Test
    void namesAngusMailsProviderWhichMimeEncodingThenUses() throws Exception {
        System.clearProperty(MailStreamProviders.PROPERTY);

        MailStreamProviders.nameAngusUnlessSet();

        assertThat(System.getProperty(MailStreamProviders.PROPERTY)).isEqualTo(MailStreamProvider.class.getName());
        assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
        assertThat(MimeUtility.decodeText(MimeUtility.encodeText("Olá, ação", "UTF-8", "B"))).isEqualTo("Olá, ação");
    }

    @Test
    void keepsAProviderAnOperatorNamed() {
        System.setProperty(MailStreamProviders.PROPERTY, "com.example.OwnStreamProvider");

        MailStreamProviders.nameAngusUnlessSet();

        assertThat(System.getProperty(MailStreamProviders.PROPERTY)).isEqualTo("com.example.OwnStreamProvider");
    }
}
