package io.mailgw.inbound.parse;

import java.util.ArrayList;
import java.util.List;

/** What could not be read while parsing one message, as one line for {@code parseError}. */
final class ParseProblems {

    private final List<String> problems = new ArrayList<>();

    void add(String where, Exception failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        add(where + ": " + message.replaceAll("\\s+", " ").trim());
    }

    void add(String problem) {
        if (!problems.contains(problem)) {
            problems.add(problem);
        }
    }

    /** The problems joined by {@code "; "}, or {@code null} when there were none. */
    String summary() {
        return problems.isEmpty() ? null : String.join("; ", problems);
    }
}
