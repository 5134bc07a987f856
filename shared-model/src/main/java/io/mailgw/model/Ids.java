package io.mailgw.model;

import java.util.UUID;
import java.util.regex.Pattern;

/** Ids of mailboxes and contracts (CONTRACT §4): 1..64 of {@code [A-Za-z0-9._-]}, never changed. */
public final class Ids {

    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && PATTERN.matcher(id).matches();
    }

    /** A new id with a readable prefix, such as {@code mbx-3f2a9c1e0b7d}. */
    public static String generate(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
