package io.mailgw.inbound.imap;

import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.Mailbox;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * What happens on the IMAP server to a message once it is published and checkpointed:
 * {@code MARK_SEEN} sets \Seen, {@code DELETE} sets \Deleted (expunged when the folder closes),
 * {@code MOVE} uses the server's MOVE command, or copy and delete where the server has none.
 * A missing move-to folder fails the poll before anything is read.
 */
final class ImapAfterRead {

    private final AfterRead action;
    private final Folder target;
    private final boolean serverMoves;

    private ImapAfterRead(AfterRead action, Folder target, boolean serverMoves) {
        this.action = action;
        this.target = target;
        this.serverMoves = serverMoves;
    }

    static ImapAfterRead prepare(Mailbox mailbox, Store store) throws MessagingException {
        AfterRead action = mailbox.inbound().afterRead() == null ? AfterRead.NONE : mailbox.inbound().afterRead();
        if (action != AfterRead.MOVE) {
            return new ImapAfterRead(action, null, false);
        }
        Folder target = store.getFolder(mailbox.inbound().moveToFolder());
        if (!target.exists()) {
            throw new FolderNotFoundException(target, "move-to folder does not exist");
        }
        boolean serverMoves = store instanceof IMAPStore imap && imap.hasCapability("MOVE");
        return new ImapAfterRead(action, target, serverMoves);
    }

    /** Whether the folder must be opened for writing. */
    boolean changesFolder() {
        return action != AfterRead.NONE;
    }

    /** Whether closing the folder must expunge the messages flagged \Deleted. */
    boolean expungeOnClose() {
        return action == AfterRead.DELETE || (action == AfterRead.MOVE && !serverMoves);
    }

    void apply(Folder folder, Message message) throws MessagingException {
        switch (action) {
            case MARK_SEEN -> message.setFlag(Flags.Flag.SEEN, true);
            case DELETE -> message.setFlag(Flags.Flag.DELETED, true);
            case MOVE -> move(folder, message);
            case NONE -> {
            }
        }
    }

    private void move(Folder folder, Message message) throws MessagingException {
        if (serverMoves && folder instanceof IMAPFolder imap) {
            imap.moveMessages(new Message[] {message}, target);
        }
        else {
            folder.copyMessages(new Message[] {message}, target);
            message.setFlag(Flags.Flag.DELETED, true);
        }
    }
}
