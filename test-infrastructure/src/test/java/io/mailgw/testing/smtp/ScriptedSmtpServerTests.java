package io.mailgw.testing.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.net.ssl.SSLSocketFactory;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.mailgw.testing.TestCertificate;

/** The scripted server driven by Angus Mail's real {@code SMTPTransport}, as the outbound sender drives it. */
class ScriptedSmtpServerTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String USER = "sender@example.com";
    private static final String PASSWORD = "s3cret-password";

    private final List<SMTPTransport> transports = new ArrayList<>();
    private final List<ScriptedSmtpServer> servers = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        for (SMTPTransport transport : transports) {
            try {
                transport.close();
            }
            catch (MessagingException ex) {
                // QUIT fails on a connection that the script had the server close: nothing left to close
            }
        }
        servers.forEach(ScriptedSmtpServer::close);
    }

    @Test
    void acceptsAMessageAndRecordsItsEnvelopeBytesAndMessageId() throws Exception {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.start());
        SMTPTransport transport = connected(smtp, Map.of());
        MimeMessage message = message("to@example.com", "cc@example.com");

        transport.sendMessage(message, message.getAllRecipients());

        assertThat(transport.getLastServerResponse()).startsWith("250 2.0.0 Ok: queued as");
        ReceivedMessage received = smtp.awaitMessages(1, WAIT).get(0);
        assertThat(received.sender()).isEqualTo(USER);
        assertThat(received.recipients()).containsExactly("to@example.com", "cc@example.com");
        assertThat(received.messageId()).isEqualTo(message.getMessageID());
        assertThat(received.connection()).isEqualTo(1);
        assertThat(received.text()).contains("Subject: Scripted", "\r\n.a line that starts with a dot\r\n")
                .doesNotEndWith("\r\n.\r\n");
        transport.close();
        await().atMost(WAIT).until(() -> smtp.commands(1).contains("QUIT"));
        assertThat(smtp.commands(1)).containsExactly("EHLO client.example", "MAIL FROM:<" + USER + ">",
                "RCPT TO:<to@example.com>", "RCPT TO:<cc@example.com>", "DATA", "QUIT");
    }

    @Test
    void reusesOneLoggedInConnectionForTwoMessagesWithRsetBetween() throws Exception {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.start());
        smtp.script().acceptLogin(USER, PASSWORD);
        SMTPTransport transport = connected(smtp, Map.of("mail.smtp.auth", "true", "mail.smtp.auth.mechanisms", "PLAIN",
                "mail.smtp.userset", "true"));

        MimeMessage first = message("to@example.com");
        transport.sendMessage(first, first.getAllRecipients());
        assertThat(transport.isConnected()).isTrue();
        MimeMessage second = message("to@example.com");
        transport.sendMessage(second, second.getAllRecipients());

        assertThat(smtp.awaitMessages(2, WAIT)).extracting(ReceivedMessage::messageId)
                .containsExactly(first.getMessageID(), second.getMessageID());
        assertThat(smtp.connections()).isEqualTo(1);
        assertThat(smtp.authCommands()).isEqualTo(1);
        assertThat(smtp.rsetCommands()).isEqualTo(1);
        assertThat(smtp.commands(1)).containsSubsequence("AUTH PLAIN", "DATA", "RSET", "MAIL FROM:<" + USER + ">", "DATA");
        assertThat(String.join("\n", smtp.commands(1))).doesNotContain(PASSWORD);
    }

    @Test
    void aGreetingOf421FailsTheConnectAndClosesTheConnection() {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.start());
        smtp.script().greeting("421 4.3.2 try later");

        assertThatThrownBy(() -> connected(smtp, Map.of())).isInstanceOf(MessagingException.class)
                .hasMessageContaining("bad greeting").hasMessageContaining("response: 421 4.3.2 try later");
        await().atMost(WAIT).until(() -> smtp.connections() == 1 && smtp.openConnections() == 0);
    }

    @Test
    void aScriptedAuthReplyFailsTheLoginWithIt() {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.start());
        smtp.script().acceptLogin(USER, PASSWORD).authReply("535 5.7.8 bad credentials");

        assertThatThrownBy(() -> connected(smtp, Map.of("mail.smtp.auth", "true")))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("535 5.7.8 bad credentials");
    }

    @Test
    void aWrongPasswordIsRefusedWith535AndTheRightOneAcceptedThroughAuthLogin() throws Exception {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.start());
        smtp.script().acceptLogin(USER, PASSWORD);
        Map<String, String> login = Map.of("mail.smtp.auth", "true", "mail.smtp.auth.mechanisms", "LOGIN");

        assertThatThrownBy(() -> connected(smtp, login, USER, "wrong"))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("535");
        SMTPTransport transport = connected(smtp, login);
        send(transport, "to@example.com");

        assertThat(smtp.awaitMessages(1, WAIT)).hasSize(1);
        assertThat(smtp.commands(2)).contains("AUTH LOGIN");
    }

    @Test
    void xoauth2LogsInWithTheConfiguredTokenOnly() throws Exception {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.start());
        String token = "ya29.access-token-for-the-test";
        smtp.script().acceptToken(USER, token);
        Map<String, String> oauth = Map.of("mail.smtp.auth", "true", "mail.smtp.auth.mechanisms", "XOAUTH2");

        assertThatThrownBy(() -> connected(smtp, oauth, USER, "another-token"))
                .isInstanceOf(AuthenticationFailedException.class).hasMessageContaining("535");
        assertThatThrownBy(() -> connected(smtp, Map.of("mail.smtp.auth", "true"), USER, token))
                .as("a token is no password").isInstanceOf(AuthenticationFailedException.class);
        send(connected(smtp, oauth, USER, token), "to@example.com");

        assertThat(smtp.awaitMessages(1, WAIT).get(0).connection()).isEqualTo(3);
        assertThat(smtp.commands(3)).contains("AUTH XOAUTH2");
        assertThat(smtp.commandsByConnection().toString()).doesNotContain(token);
    }

    @ParameterizedTest
    @ValueSource(strings = {"451 4.3.0 try again later", "550 5.7.1 sender refused"})
    void aScriptedMailFromReplyFailsTheSendWithItsCode(String reply) throws Exception {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.start());
        smtp.script().mailReply(reply);
        SMTPTransport transport = connected(smtp, Map.of());

        assertThatThrownBy(() -> send(transport, "to@example.com")).isInstanceOfSatisfying(SMTPSendFailedException.class,
                failure -> assertThat(failure.getReturnCode()).isEqualTo(Integer.parseInt(reply.substring(0, 3))));
        assertThat(smtp.allMessages()).isEmpty();
    }

    @Test
    void aRefusedRecipientFailsTheSendWithItsAddressAndCode() throws Exception {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.start());
        smtp.script().rcptReply("Nobody@Example.com", "550 5.1.1 no such user");
        SMTPTransport transport = connected(smtp, Map.of());

        assertThatThrownBy(() -> send(transport, "nobody@example.com")).isInstanceOfSatisfying(SendFailedException.class,
                failure -> assertThat(failure.getNextException()).isInstanceOfSatisfying(SMTPAddressFailedException.class,
                        refused -> {
                            assertThat(refused.getReturnCode()).isEqualTo(550);
                            assertThat(refused.getAddress().getAddress()).isEqualTo("nobody@example.com");
                        }));
        assertThat(smtp.allMessages()).isEmpty();
    }

    @Test
    void partialSendingDeliversToTheAcceptedRecipientsAndReportsTheRefusedOne() throws Exception {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.start());
        smtp.script().rcptReply("nobody@example.com", "550 5.1.1 no such user");
        SMTPTransport transport = connected(smtp, Map.of("mail.smtp.sendpartial", "true"));

        assertThatThrownBy(() -> send(transport, "to@example.com", "nobody@example.com"))
                .isInstanceOfSatisfying(SendFailedException.class, failure -> {
                    assertThat(failure.getValidSentAddresses()).extracting(Object::toString).containsExactly("to@example.com");
                    assertThat(failure.getInvalidAddresses()).extracting(Object::toString).containsExactly("nobody@example.com");
                });
        assertThat(smtp.awaitMessages(1, WAIT).get(0).recipients()).containsExactly("to@example.com");
    }

    @Test
    void recipientsAfterTheScriptedLimitGet452() throws Exception {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.start());
        smtp.script().tooManyRecipientsAfter(2);
        SMTPTransport transport = connected(smtp, Map.of("mail.smtp.sendpartial", "true"));

        assertThatThrownBy(() -> send(transport, "a@example.com", "b@example.com", "c@example.com"))
                .isInstanceOfSatisfying(SendFailedException.class, failure -> {
                    assertThat(failure.getValidSentAddresses()).extracting(Object::toString)
                            .containsExactly("a@example.com", "b@example.com");
                    assertThat(failure.getValidUnsentAddresses()).extracting(Object::toString).containsExactly("c@example.com");
                });
        assertThat(smtp.awaitMessages(1, WAIT).get(0).recipients()).containsExactly("a@example.com", "b@example.com");
        send(transport, "c@example.com");
        assertThat(smtp.awaitMessages(2, WAIT).get(1).recipients()).containsExactly("c@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"451 4.3.0 queue full", "554 5.7.1 rejected as spam"})
    void aScriptedReplyAfterTheDataFailsTheSendWithItsCode(String reply) throws Exception {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.start());
        smtp.script().dataReply(reply);
        SMTPTransport transport = connected(smtp, Map.of());

        assertThatThrownBy(() -> send(transport, "to@example.com")).isInstanceOfSatisfying(SMTPSendFailedException.class,
                failure -> assertThat(failure.getReturnCode()).isEqualTo(Integer.parseInt(reply.substring(0, 3))));
        assertThat(smtp.allMessages()).singleElement().extracting(ReceivedMessage::accepted).isEqualTo(false);
        assertThat(smtp.messages()).isEmpty();
    }

    @Test
    void aDropAfterTheDataLeavesTheClientWithoutAnswerAndTheMessageRecordedAsNotAccepted() throws Exception {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.start());
        smtp.script().drop(SmtpStep.END_OF_DATA);
        SMTPTransport transport = connected(smtp, Map.of());
        MimeMessage message = message("to@example.com");

        assertThatThrownBy(() -> transport.sendMessage(message, message.getAllRecipients()))
                .as("Angus Mail reads no reply: code -1, [EOF]").isInstanceOfSatisfying(SMTPSendFailedException.class,
                        failure -> assertThat(failure.getReturnCode()).isEqualTo(-1));
        assertThat(smtp.allMessages()).singleElement().satisfies(received -> {
            assertThat(received.accepted()).isFalse();
            assertThat(received.messageId()).isEqualTo(message.getMessageID());
        });
        await().atMost(WAIT).until(() -> smtp.openConnections() == 0);
    }

    @Test
    void afterTheMessageLimitTheNextCommandGets421AndTheConnectionCloses() throws Exception {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.start());
        smtp.script().closeAfterMessages(1);
        SMTPTransport transport = connected(smtp, Map.of());
        send(transport, "to@example.com");

        assertThatThrownBy(() -> send(transport, "to@example.com")).isInstanceOfSatisfying(SMTPSendFailedException.class,
                failure -> assertThat(failure.getReturnCode()).isEqualTo(421));
        await().atMost(WAIT).until(() -> smtp.openConnections() == 0);
        send(connected(smtp, Map.of()), "to@example.com");
        assertThat(smtp.awaitMessages(2, WAIT)).extracting(ReceivedMessage::connection).containsExactly(1, 2);
    }

    @Test
    void aStalledGreetingHitsTheReadTimeoutUntilTheServerComesBack() throws Exception {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.start());
        smtp.script().stall(SmtpStep.GREETING);

        assertThatThrownBy(() -> connected(smtp, Map.of("mail.smtp.timeout", "1000")))
                .isInstanceOf(MessagingException.class).hasRootCauseInstanceOf(SocketTimeoutException.class);
        smtp.script().acceptEverything();
        send(connected(smtp, Map.of()), "to@example.com");

        assertThat(smtp.awaitMessages(1, WAIT).get(0).connection()).isEqualTo(2);
    }

    @Test
    void aStallAfterTheDataHitsTheReadTimeoutWithTheMessageDelivered() throws Exception {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.start());
        smtp.script().stall(SmtpStep.END_OF_DATA);
        SMTPTransport transport = connected(smtp, Map.of("mail.smtp.timeout", "5000"));

        assertThatThrownBy(() -> send(transport, "to@example.com"))
                .isInstanceOf(MessagingException.class).hasRootCauseInstanceOf(SocketTimeoutException.class);
        smtp.script().acceptEverything();

        assertThat(smtp.awaitMessages(1, WAIT)).as("the stalled reply is sent once the stall ends").hasSize(1);
    }

    @Test
    void startTlsUpgradesTheConnectionBeforeTheLogin() throws Exception {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.startOfferingStartTls());
        smtp.script().acceptLogin(USER, PASSWORD);
        SMTPTransport transport = connected(smtp, Map.of("mail.smtp.auth", "true", "mail.smtp.starttls.required", "true",
                "mail.smtp.ssl.checkserveridentity", "true", "mail.smtp.ssl.socketFactory", trustingTestCertificate()));
        send(transport, "to@example.com");

        assertThat(smtp.awaitMessages(1, WAIT)).hasSize(1);
        assertThat(smtp.commands(1)).containsSubsequence("STARTTLS", "EHLO client.example", "AUTH LOGIN");
    }

    @Test
    void implicitTlsServesSmtps() throws Exception {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.startWithImplicitTls());
        Properties properties = properties(smtp, Map.of("mail.smtp.ssl.enable", "true",
                "mail.smtp.ssl.checkserveridentity", "true", "mail.smtp.ssl.socketFactory", trustingTestCertificate()));
        SMTPTransport transport = (SMTPTransport) Session.getInstance(properties).getTransport("smtp");
        transport.connect();
        transports.add(transport);
        send(transport, "to@example.com");

        assertThat(smtp.awaitMessages(1, WAIT)).hasSize(1);
        assertThat(smtp.commands(1)).doesNotContain("STARTTLS");
    }

    @Test
    void servesManyConnectionsAtOnce() throws Exception {
        ScriptedSmtpServer smtp = started(ScriptedSmtpServer.start());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Callable<Void>> sends = new ArrayList<>();
        for (int client = 0; client < 8; client++) {
            sends.add(() -> {
                try (SMTPTransport transport = connected(smtp, Map.of())) {
                    for (int message = 0; message < 5; message++) {
                        send(transport, "to@example.com");
                    }
                }
                return null;
            });
        }
        try {
            for (Future<Void> sent : clients.invokeAll(sends)) {
                sent.get();
            }
        }
        finally {
            clients.shutdownNow();
        }

        assertThat(smtp.awaitMessages(40, WAIT)).hasSize(40);
        assertThat(smtp.connections()).isEqualTo(8);
        assertThat(smtp.messages()).extracting(ReceivedMessage::messageId).doesNotHaveDuplicates();
    }

    private ScriptedSmtpServer started(ScriptedSmtpServer server) {
        servers.add(server);
        return server;
    }

    private SMTPTransport connected(ScriptedSmtpServer smtp, Map<String, ?> extra) throws MessagingException {
        return connected(smtp, extra, USER, PASSWORD);
    }

    private SMTPTransport connected(ScriptedSmtpServer smtp, Map<String, ?> extra, String user, String secret)
            throws MessagingException {
        SMTPTransport transport = (SMTPTransport) Session.getInstance(properties(smtp, extra)).getTransport("smtp");
        transport.connect(user, secret);
        transports.add(transport);
        return transport;
    }

    private static Properties properties(ScriptedSmtpServer smtp, Map<String, ?> extra) {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.localhost", "client.example");
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "30000");
        properties.putAll(extra);
        return properties;
    }

    private static SSLSocketFactory trustingTestCertificate() {
        return TestCertificate.trustingContext().getSocketFactory();
    }

    private static void send(SMTPTransport transport, String... recipients) throws MessagingException {
        MimeMessage message = message(recipients);
        transport.sendMessage(message, message.getAllRecipients());
    }

    private static MimeMessage message(String... recipients) throws MessagingException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(USER));
        for (String recipient : recipients) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        }
        message.setSubject("Scripted");
        message.setText("Hello,\n.a line that starts with a dot\nBye\n");
        message.saveChanges();
        return message;
    }
}
