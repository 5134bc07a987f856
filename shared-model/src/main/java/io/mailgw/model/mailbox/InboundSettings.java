package io.mailgw.model.mailbox;

/**
 * How an inbound mailbox is read (CONTRACT §4). Every component may be {@code null} until
 * {@link #withDefaults()} fills it in.
 *
 * @param pollIntervalSeconds seconds between two polls when the server is not watched with IDLE; default 60
 * @param afterRead           default {@code MARK_SEEN}, POP3 {@code NONE}
 * @param moveToFolder        where {@code MOVE} puts read mail
 * @param startFrom           default {@code NOW}
 * @param idle                whether to wait with IMAP IDLE where the server has it; default {@code true}
 * @param requireTls          whether a password may only travel over TLS, so that plain IMAP and
 *                            POP3 must upgrade with STARTTLS or STLS; default {@code true}
 */
public record InboundSettings(
        InboundProtocol protocol,
        String folder,
        Integer pollIntervalSeconds,
        AfterRead afterRead,
        String moveToFolder,
        StartFrom startFrom,
        Boolean idle,
        Boolean requireTls) {

    public static final String DEFAULT_FOLDER = "INBOX";
    public static final int DEFAULT_POLL_INTERVAL_SECONDS = 60;

    public boolean isPop3() {
        return protocol != null && protocol.isPop3();
    }

    /** Whether IDLE is wanted; the server must still offer it. */
    public boolean idleWanted() {
        return !Boolean.FALSE.equals(idle);
    }

    /** Whether a login needs TLS first. */
    public boolean tlsRequired() {
        return !Boolean.FALSE.equals(requireTls);
    }

    InboundSettings withDefaults() {
        return new InboundSettings(protocol, folder != null ? folder : DEFAULT_FOLDER,
                pollIntervalSeconds != null ? pollIntervalSeconds : DEFAULT_POLL_INTERVAL_SECONDS,
                afterRead != null ? afterRead : (isPop3() ? AfterRead.NONE : AfterRead.MARK_SEEN),
                moveToFolder, startFrom != null ? startFrom : StartFrom.NOW,
                idle != null ? idle : Boolean.TRUE, requireTls != null ? requireTls : Boolean.TRUE);
    }

    /** The protocol's standard port: 143, 993, 110 or 995. */
    int standardPort() {
        return switch (protocol) {
            case IMAP -> 143;
            case IMAPS -> 993;
            case POP3 -> 110;
            case POP3S -> 995;
        };
    }
}
