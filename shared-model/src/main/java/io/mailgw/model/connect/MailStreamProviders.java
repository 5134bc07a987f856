package io.mailgw.model.connect;

/**
 * Jakarta Mail 2.1 finds its {@code StreamProvider} with a {@code ServiceLoader} on every MIME
 * encode and decode (jakartaee/mail-api#861): in a Spring Boot jar that reads the nested jars'
 * service files once per header and per part, which took most of the sender's CPU for writing a
 * message. Naming the provider in the system property Jakarta Mail reads first makes it a plain
 * class lookup. A value already set is kept.
 */
public final class MailStreamProviders {

    static final String PROPERTY = "jakarta.mail.util.StreamProvider";
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private MailStreamProviders() {
    }

    /** Names Angus Mail's provider, unless the property names one already. */
    public static void nameAngusUnlessSet() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, ANGUS);
        }
    }
}
