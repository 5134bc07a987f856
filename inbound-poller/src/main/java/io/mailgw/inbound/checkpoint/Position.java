package io.mailgw.inbound.checkpoint;

import java.util.Objects;

/** Where a message sits on its server, as a checkpoint counts it handled. */
public sealed interface Position {

    /** The key an attempt to read the message is counted under. */
    String key();

    /**
     * An IMAP message.
     *
     * @param uidValidity the folder's UIDVALIDITY when the message was listed
     * @param uid         its UID under that UIDVALIDITY
     */
    record Imap(long uidValidity, long uid) implements Position {

        @Override
        public String key() {
            return "imap:" + uidValidity + ":" + uid;
        }
    }

    /**
     * A POP3 message.
     *
     * @param uidl its unique id listing
     */
    record Pop3(String uidl) implements Position {

        public Pop3 {
            Objects.requireNonNull(uidl, "uidl");
        }

        @Override
        public String key() {
            return "pop3:" + uidl;
        }
    }
}
