package io.mailgw.localstack.demo;

/**
 * Where the demo mail server listens and how the support inbox logs in there.
 *
 * @param password the demo user's password on the demo server, stored encrypted in the mailbox
 */
public record DemoMailbox(String host, int smtpPort, int imapPort, String domain, String password) {

    @Override
    public String toString() {
        return "DemoMailbox[" + host + ", smtp " + smtpPort + ", imap " + imapPort + ", " + domain + "]";
    }
}
