package io.mailgw.testing.smtp;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * How a {@link ScriptedSmtpServer} answers. Out of the box it accepts everything; each method changes the
 * answer from the next command on, on every connection, open or new, and returns this script for chaining.
 * Thread-safe: a test may change the script while clients are sending.
 * <p>
 * A reply is one SMTP reply line, code first: {@code "451 4.3.0 try later"}. A reply with code 421 closes the
 * connection once it is sent, as RFC 5321 has a server do when it shuts a connection down.
 */
public final class SmtpScript {

    static final String GREETING = "220 127.0.0.1 ESMTP ScriptedSmtpServer";
    static final String TOO_MANY_RECIPIENTS = "452 4.5.3 Too many recipients";
    static final String TOO_MANY_MESSAGES = "421 4.7.0 Too many messages on this connection, closing";
    static final String AUTH_ACCEPTED = "235 2.7.0 Authentication successful";
    static final String AUTH_REJECTED = "535 5.7.8 Authentication credentials invalid";

    private static final Pattern REPLY = Pattern.compile("[2-5][0-9][0-9]( [^\r\n]*)?");

    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, String> rcptReplies = new HashMap<>();
    private final Set<SmtpStep> stalls = EnumSet.noneOf(SmtpStep.class);
    private final Set<SmtpStep> drops = EnumSet.noneOf(SmtpStep.class);
    private String greeting;
    private String authReply;
    private String mailReply;
    private String rcptReply;
    private int recipientsPerMessage;
    private String dataReply;
    private int messagesPerConnection;
    private Duration perMessage;

    SmtpScript() {
        reset();
    }

    /** The greeting, {@code "220 127.0.0.1 ESMTP ScriptedSmtpServer"} by default; e.g. {@code "421 4.3.2 try later"}. */
    public synchronized SmtpScript greeting(String reply) {
        greeting = checked(reply);
        return changed();
    }

    /**
     * Accepts {@code user} with {@code password} through AUTH PLAIN and AUTH LOGIN. Once any login is set, EHLO
     * offers {@code AUTH PLAIN LOGIN XOAUTH2} and MAIL FROM needs a successful AUTH first (530 otherwise).
     */
    public synchronized SmtpScript acceptLogin(String user, String password) {
        passwords.put(Objects.requireNonNull(user), Objects.requireNonNull(password));
        return changed();
    }

    /** Accepts {@code user} with the OAuth2 bearer {@code token} through AUTH XOAUTH2; see {@link #acceptLogin}. */
    public synchronized SmtpScript acceptToken(String user, String token) {
        tokens.put(Objects.requireNonNull(user), Objects.requireNonNull(token));
        return changed();
    }

    /** Answers every AUTH with this reply whatever the credentials, e.g. {@code "535 5.7.8 bad credentials"}. */
    public synchronized SmtpScript authReply(String reply) {
        authReply = checked(reply);
        return changed();
    }

    /** Answers every MAIL FROM with this reply, e.g. {@code "451 4.3.0 try later"}; {@code "250 2.1.0 Ok"} by default. */
    public synchronized SmtpScript mailReply(String reply) {
        mailReply = checked(reply);
        return changed();
    }

    /** Answers RCPT TO for this address (case ignored) with this reply, e.g. {@code "550 5.1.1 no such user"}. */
    public synchronized SmtpScript rcptReply(String address, String reply) {
        rcptReplies.put(address.toLowerCase(Locale.ROOT), checked(reply));
        return changed();
    }

    /** Answers RCPT TO for every address not named by {@link #rcptReply(String, String)}; 250 by default. */
    public synchronized SmtpScript rcptReply(String reply) {
        rcptReply = checked(reply);
        return changed();
    }

    /** Answers {@code 452 4.5.3 Too many recipients} to each RCPT TO after this many were accepted in one message. */
    public synchronized SmtpScript tooManyRecipientsAfter(int accepted) {
        recipientsPerMessage = positive(accepted);
        return changed();
    }

    /**
     * Answers each message once its data and terminating dot arrived (at {@link SmtpStep#END_OF_DATA}, not the
     * 354 to the DATA command) with this reply, e.g. {@code "451 4.3.0 queue full"} or
     * {@code "554 5.7.1 rejected as spam"}; by default {@code "250 2.0.0 Ok: queued as <connection>.<n>"}.
     */
    public synchronized SmtpScript dataReply(String reply) {
        dataReply = checked(reply);
        return changed();
    }

    /**
     * After this many accepted messages on one connection, answers the next command but QUIT with
     * {@code 421 4.7.0} and closes the connection, as servers that cap messages per connection do.
     */
    public synchronized SmtpScript closeAfterMessages(int messages) {
        messagesPerConnection = positive(messages);
        return changed();
    }

    /** Takes this long over each message before answering its end of data: a slow server, every connection alike. */
    public synchronized SmtpScript slowDown(Duration perMessage) {
        if (perMessage.isNegative()) {
            throw new IllegalArgumentException("A negative time per message: " + perMessage);
        }
        this.perMessage = perMessage;
        return changed();
    }

    /**
     * Stalls at this step: the server keeps the connection open and sends nothing more until the script stops
     * stalling there ({@link #acceptEverything()}), or the server drops its connections or closes. At {@link SmtpStep#GREETING} it accepts
     * TCP connections and never sends a byte.
     */
    public synchronized SmtpScript stall(SmtpStep step) {
        drops.remove(step);
        stalls.add(step);
        return changed();
    }

    /**
     * Closes the connection at this step instead of answering; at {@link SmtpStep#END_OF_DATA}, the message
     * has arrived and the client never learns whether it was taken (a drop after DATA).
     */
    public synchronized SmtpScript drop(SmtpStep step) {
        stalls.remove(step);
        drops.add(step);
        return changed();
    }

    /**
     * Forgets every scripted failure, stall, drop and limit: a server that comes back. Stalled connections go
     * on. The accepted logins and tokens stay, and so does the need to log in when there are any.
     */
    public synchronized SmtpScript acceptEverything() {
        reset();
        return changed();
    }

    synchronized String replyToConnect() {
        return greeting;
    }

    synchronized boolean requiresLogin() {
        return !passwords.isEmpty() || !tokens.isEmpty();
    }

    synchronized String replyToAuth(Login login) {
        if (authReply != null) {
            return authReply;
        }
        Map<String, String> secrets = login.isToken() ? tokens : passwords;
        return login.secret().equals(secrets.get(login.user())) ? AUTH_ACCEPTED : AUTH_REJECTED;
    }

    synchronized String replyToMail() {
        return mailReply;
    }

    synchronized String replyToRcpt(String address, int acceptedSoFar) {
        String scripted = rcptReplies.get(address.toLowerCase(Locale.ROOT));
        if (scripted != null) {
            return scripted;
        }
        return acceptedSoFar >= recipientsPerMessage ? TOO_MANY_RECIPIENTS : rcptReply;
    }

    synchronized String replyToData(String queueId) {
        return dataReply != null ? dataReply : "250 2.0.0 Ok: queued as " + queueId;
    }

    synchronized Duration perMessage() {
        return perMessage;
    }

    synchronized int messagesPerConnection() {
        return messagesPerConnection;
    }

    synchronized boolean drops(SmtpStep step) {
        return drops.contains(step);
    }

    /** Waits while the script stalls at this step and the connection is {@code open}. */
    synchronized void awaitNoStallAt(SmtpStep step, BooleanSupplier open) throws InterruptedException {
        while (stalls.contains(step) && open.getAsBoolean()) {
            wait();
        }
    }

    /** Wakes every connection waiting out a stall, to look again whether it is still open. */
    synchronized void wakeUp() {
        notifyAll();
    }

    private SmtpScript changed() {
        notifyAll();
        return this;
    }

    private void reset() {
        rcptReplies.clear();
        stalls.clear();
        drops.clear();
        greeting = GREETING;
        authReply = null;
        mailReply = "250 2.1.0 Ok";
        rcptReply = "250 2.1.5 Ok";
        recipientsPerMessage = Integer.MAX_VALUE;
        dataReply = null;
        messagesPerConnection = Integer.MAX_VALUE;
        perMessage = Duration.ZERO;
    }

    private static String checked(String reply) {
        if (reply == null || !REPLY.matcher(reply).matches()) {
            throw new IllegalArgumentException("An SMTP reply is one line with a code from 200 to 599 first, "
                    + "like \"451 4.3.0 try later\"; got " + reply);
        }
        return reply;
    }

    private static int positive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("A limit is at least 1; got " + limit);
        }
        return limit;
    }
}
