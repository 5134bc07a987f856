package io.mailgw.inbound.imap;

import java.util.List;

import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.Mailbox;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

/**
 * What happens on the IMAP server to a batch once it is published and checkpointed, in one
 * command each: {@code MARK_SEEN} stores \Seen, {@code DELETE} stores \Deleted and expunges them,
 * {@code MOVE} uses the server's MOVE, or copy, \Deleted and expunge where the server has none.
 * A missing move-to folder fails the poll before anything is read.
 */
final class ImapAfterRead {

    private final AfterRead action;
    private final String target;

    private ImapAfterRead(AfterRead action, String target) {
        this.action = action;
        this.target = target;
    }

    /** Checks the move-to folder on the store's connection, before the folder takes it over. */
    static ImapAfterRead prepare(Mailbox mailbox, Store store) throws MessagingException {
        AfterRead action = mailbox.inbound().afterRead() == null ? AfterRead.NONE : mailbox.inbound().afterRead();
        if (action != AfterRead.MOVE) {
            return new ImapAfterRead(action, null);
        }
        Folder target = store.getFolder(mailbox.inbound().moveToFolder());
        if (!target.exists()) {
            throw new FolderNotFoundException(target, "move-to folder does not exist");
        }
        return new ImapAfterRead(action, target.getFullName());
    }

    /** Whether the folder must be opened for writing. */
    boolean changesFolder() {
        return action != AfterRead.NONE;
    }

    void apply(ImapCommands commands, List<Long> uids) throws MessagingException {
        if (uids.isEmpty()) {
            return;
        }
        switch (action) {
            case MARK_SEEN -> commands.addFlag(uids, "\\Seen");
            case DELETE -> {
                commands.addFlag(uids, "\\Deleted");
                commands.expunge(uids);
            }
            case MOVE -> move(commands, uids);
            case NONE -> {
            }
        }
    }

    private void move(ImapCommands commands, List<Long> uids) throws MessagingException {
        if (commands.hasCapability("MOVE")) {
            commands.move(uids, target);
        }
        else {
            commands.copy(uids, target);
            commands.addFlag(uids, "\\Deleted");
            commands.expunge(uids);
        }
    }
}
