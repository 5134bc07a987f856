package io.mailgw.testing.smtp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** What a server saw, written by its connections' threads and read as snapshots by tests. */
final class SmtpRecording {

    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger authCommands = new AtomicInteger();
    private final AtomicInteger rsetCommands = new AtomicInteger();
    private final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();
    private final Map<Integer, List<String>> commands = new ConcurrentHashMap<>();

    /** Counts a new connection and returns its id, from 1. */
    int opened() {
        openConnections.incrementAndGet();
        int id = connections.incrementAndGet();
        commands.put(id, new ArrayList<>());
        return id;
    }

    void closed() {
        openConnections.decrementAndGet();
    }

    /** Records a command line, already without credentials, and counts AUTH and RSET. */
    void command(int connection, String line) {
        String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        if (verb.equals("AUTH")) {
            authCommands.incrementAndGet();
        }
        else if (verb.equals("RSET")) {
            rsetCommands.incrementAndGet();
        }
        List<String> lines = commands.get(connection);
        synchronized (lines) {
            lines.add(line);
        }
    }

    void received(ReceivedMessage message) {
        messages.add(message);
    }

    int connections() {
        return connections.get();
    }

    int openConnections() {
        return openConnections.get();
    }

    int authCommands() {
        return authCommands.get();
    }

    int rsetCommands() {
        return rsetCommands.get();
    }

    List<ReceivedMessage> messages() {
        return List.copyOf(messages);
    }

    List<String> commands(int connection) {
        List<String> lines = commands.getOrDefault(connection, List.of());
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    Map<Integer, List<String>> commandsByConnection() {
        Map<Integer, List<String>> snapshot = new TreeMap<>();
        commands.keySet().forEach(id -> snapshot.put(id, commands(id)));
        return Collections.unmodifiableMap(snapshot);
    }
}
