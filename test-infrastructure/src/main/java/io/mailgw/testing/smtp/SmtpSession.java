package io.mailgw.testing.smtp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One connection's SMTP dialogue: the protocol's rules here, the answers from the {@link SmtpScript}. */
final class SmtpSession {

    private static final Logger log = LoggerFactory.getLogger(ScriptedSmtpServer.class);

    private final int connection;
    private final SmtpWire wire;
    private final SmtpScript script;
    private final SmtpRecording recording;
    private final SSLContext startTls;
    private final BooleanSupplier open;
    private final List<String> recipients = new ArrayList<>();
    private boolean greeted;
    private boolean authenticated;
    private String sender;
    private int messages;

    /**
     * @param startTls the context STARTTLS switches to, null when EHLO does not offer it
     * @param open whether the server still keeps the connection open, for a stall to end when it does not
     */
    SmtpSession(int connection, SmtpWire wire, SmtpScript script, SmtpRecording recording, SSLContext startTls,
            BooleanSupplier open) {
        this.connection = connection;
        this.wire = wire;
        this.script = script;
        this.recording = recording;
        this.startTls = startTls;
        this.open = open;
    }

    /** Talks until the client quits or goes away, or the script ends the connection. */
    void converse() throws IOException, InterruptedException {
        try {
            greeted = answer(SmtpStep.GREETING, script::replyToConnect).startsWith("2");
            String line;
            while ((line = wire.readLine()) != null) {
                String shown = redacted(line);
                log.debug("smtp#{} C: {}", connection, shown);
                recording.command(connection, shown);
                dispatch(line);
            }
        }
        catch (Hangup hangup) {
            log.debug("smtp#{} closed by the script or by QUIT", connection);
        }
    }

    private void dispatch(String line) throws IOException, InterruptedException, Hangup {
        String[] words = line.split(" ", 2);
        String verb = words[0].toUpperCase(Locale.ROOT);
        String argument = words.length > 1 ? words[1] : "";
        if (verb.equals("QUIT")) {
            answer(SmtpStep.QUIT, () -> "221 2.0.0 Bye");
            throw new Hangup();
        }
        if (messages >= script.messagesPerConnection()) {
            send(SmtpScript.TOO_MANY_MESSAGES);
        }
        if (!greeted) {
            wire.reply("503 5.5.1 No service here, only QUIT");
            return;
        }
        switch (verb) {
            case "EHLO" -> ehlo(argument);
            case "HELO" -> answer(SmtpStep.EHLO, () -> "250 127.0.0.1");
            case "STARTTLS" -> startTls();
            case "AUTH" -> auth(argument);
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> data();
            case "RSET" -> {
                endTransaction();
                answer(SmtpStep.RSET, () -> "250 2.0.0 Ok");
            }
            case "NOOP" -> answer(SmtpStep.NOOP, () -> "250 2.0.0 Ok");
            default -> wire.reply("500 5.5.2 Command not recognized");
        }
    }

    private void ehlo(String client) throws IOException, InterruptedException, Hangup {
        endTransaction();
        await(SmtpStep.EHLO);
        List<String> lines = new ArrayList<>(List.of("127.0.0.1 greets " + client, "PIPELINING", "8BITMIME",
                "SIZE " + SmtpWire.MAX_MESSAGE, "ENHANCEDSTATUSCODES"));
        if (startTls != null && !wire.isTls()) {
            lines.add("STARTTLS");
        }
        if (script.requiresLogin()) {
            lines.add("AUTH PLAIN LOGIN XOAUTH2");
        }
        wire.reply(250, lines);
    }

    private void startTls() throws IOException, InterruptedException, Hangup {
        if (startTls == null || wire.isTls()) {
            wire.reply("502 5.5.1 STARTTLS not offered");
            return;
        }
        answer(SmtpStep.STARTTLS, () -> "220 2.0.0 Ready to start TLS");
        wire.startTls(startTls);
        authenticated = false;
        endTransaction();
    }

    private void auth(String argument) throws IOException, InterruptedException, Hangup {
        if (!script.requiresLogin() || authenticated || sender != null) {
            wire.reply("503 5.5.1 AUTH not allowed now");
            return;
        }
        Login login;
        try {
            login = new SaslExchange(wire).read(argument);
        }
        catch (SaslExchange.Refusal refusal) {
            wire.reply(refusal.reply());
            return;
        }
        authenticated = answer(SmtpStep.AUTH, () -> script.replyToAuth(login)).startsWith("2");
    }

    private void mail(String argument) throws IOException, InterruptedException, Hangup {
        String path = path(argument, "FROM:");
        if (script.requiresLogin() && !authenticated) {
            wire.reply("530 5.7.0 Authentication required");
        }
        else if (sender != null) {
            wire.reply("503 5.5.1 Nested MAIL command");
        }
        else if (path == null) {
            wire.reply("501 5.5.4 Syntax: MAIL FROM:<address>");
        }
        else if (answer(SmtpStep.MAIL, script::replyToMail).startsWith("2")) {
            sender = path;
        }
    }

    private void rcpt(String argument) throws IOException, InterruptedException, Hangup {
        String path = path(argument, "TO:");
        if (sender == null) {
            wire.reply("503 5.5.1 Need MAIL before RCPT");
        }
        else if (path == null || path.isEmpty()) {
            wire.reply("501 5.5.4 Syntax: RCPT TO:<address>");
        }
        else if (answer(SmtpStep.RCPT, () -> script.replyToRcpt(path, recipients.size())).startsWith("2")) {
            recipients.add(path);
        }
    }

    private void data() throws IOException, InterruptedException, Hangup {
        if (sender == null) {
            wire.reply("503 5.5.1 Need MAIL before DATA");
            return;
        }
        if (recipients.isEmpty()) {
            wire.reply("554 5.5.1 No valid recipients");
            return;
        }
        answer(SmtpStep.DATA, () -> "354 End data with <CR><LF>.<CR><LF>");
        SmtpWire.Data data = wire.readData();
        if (data == null) {
            throw new IOException("The client closed the connection during DATA");
        }
        if (data.tooBig()) {
            endTransaction();
            send("552 5.3.4 Message exceeds the size limit of " + SmtpWire.MAX_MESSAGE + " bytes");
            return;
        }
        endOfData(data.raw());
    }

    /** Records the message, with whether it was accepted, whatever the script does next (even a close). */
    private void endOfData(byte[] raw) throws IOException, InterruptedException, Hangup {
        String reply = null;
        try {
            await(SmtpStep.END_OF_DATA);
            Thread.sleep(script.perMessage().toMillis());
            reply = script.replyToData(connection + "." + (messages + 1));
        }
        finally {
            boolean accepted = reply != null && reply.startsWith("2");
            recording.received(ReceivedMessage.of(connection, sender, recipients, raw, accepted));
            endTransaction();
        }
        if (send(reply).startsWith("2")) {
            messages++;
        }
    }

    /** Waits out a stall at this step, then ends the connection if the script drops it here or it was closed. */
    private void await(SmtpStep step) throws InterruptedException, Hangup {
        script.awaitNoStallAt(step, open);
        if (!open.getAsBoolean()) {
            throw new Hangup();
        }
        if (script.drops(step)) {
            log.debug("smtp#{} dropped at {}", connection, step);
            throw new Hangup();
        }
    }

    private String answer(SmtpStep step, Supplier<String> reply) throws IOException, InterruptedException, Hangup {
        await(step);
        return send(reply.get());
    }

    /** Sends the reply; a 421 ends the connection after it. */
    private String send(String reply) throws IOException, Hangup {
        wire.reply(reply);
        if (reply.startsWith("421")) {
            throw new Hangup();
        }
        return reply;
    }

    private void endTransaction() {
        sender = null;
        recipients.clear();
    }

    /** The address in {@code FROM:<a@b> ...} or {@code TO:<a@b>}; {@code ""} for {@code <>}; null if malformed. */
    private static String path(String argument, String keyword) {
        if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
            return null;
        }
        String rest = argument.substring(keyword.length()).trim();
        if (rest.startsWith("<")) {
            int end = rest.indexOf('>');
            return end < 0 ? null : rest.substring(1, end);
        }
        return rest.isEmpty() ? null : rest.split(" ", 2)[0];
    }

    /** The line as it may be logged and recorded: AUTH without the credentials after the mechanism. */
    private static String redacted(String line) {
        String[] words = line.split(" ");
        return words.length > 2 && words[0].equalsIgnoreCase("AUTH") ? words[0] + " " + words[1] : line;
    }

    /** The connection ends: the client quit, or the script closes it (a drop, a 421). */
    private static final class Hangup extends Exception {

        Hangup() {
            super(null, null, false, false);
        }
    }
}
