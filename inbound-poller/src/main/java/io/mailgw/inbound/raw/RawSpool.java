package io.mailgw.inbound.raw;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import io.mailgw.inbound.InboundPollerProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Receives the bytes of one message as they come from the server: in memory up to the large-message
 * size ({@code mailgw.inbound.large-message}), beyond it in a temporary file under
 * {@code mailgw.inbound.spool-dir}, never holding a large message whole in the heap.
 */
@Component
public class RawSpool {

    private final Path directory;
    private final long largeMessage;

    @Autowired
    RawSpool(InboundPollerProperties properties) {
        this(properties.spoolDir(), properties.largeMessage().toBytes());
    }

    public RawSpool(Path directory, long largeMessage) {
        this.directory = directory;
        this.largeMessage = largeMessage;
    }

    /** The size above which a message is streamed in chunks through a file. */
    public long largeMessage() {
        return largeMessage;
    }

    /**
     * A writer for one message.
     *
     * @param expectedSize the size the server announced, or -1: decides memory or file up front
     */
    public Writer writer(long expectedSize) throws IOException {
        return expectedSize >= 0 && expectedSize <= largeMessage ? new Writer(null, expectedSize) : new Writer(
                Files.createTempFile(Files.createDirectories(directory), "mailgw-raw-", ".eml"), expectedSize);
    }

    /** The bytes of one message as they arrive; {@link #finish()} turns them into a {@link RawMessage}. */
    public static final class Writer extends OutputStream {

        private final Path file;
        private final MessageDigest digest = Sha256.digest();
        private final OutputStream out;
        private final ByteArrayOutputStream memory;
        private long size;

        private Writer(Path file, long expectedSize) throws IOException {
            this.file = file;
            this.memory = file == null ? new ByteArrayOutputStream((int) Math.max(expectedSize, 1024)) : null;
            OutputStream target = file == null ? memory : Files.newOutputStream(file);
            this.out = new DigestOutputStream(target, digest);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            size++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            size += length;
        }

        public long size() {
            return size;
        }

        public RawMessage finish() throws IOException {
            out.close();
            String sha256 = HexFormat.of().formatHex(digest.digest());
            return file == null ? RawMessage.of(memory.toByteArray(), sha256) : RawMessage.spooled(file, size, sha256);
        }

        /** Drops what was written, deleting the file. */
        public void discard() {
            try {
                out.close();
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            }
            catch (IOException ex) {
                if (file != null) {
                    file.toFile().deleteOnExit();
                }
            }
        }
    }
}
