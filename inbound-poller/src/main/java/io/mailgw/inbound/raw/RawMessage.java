package io.mailgw.inbound.raw;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import jakarta.mail.util.SharedByteArrayInputStream;
import jakarta.mail.util.SharedFileInputStream;

/**
 * The raw bytes of one message: a small one in memory, a large one in a temporary file that
 * {@link #close()} deletes. {@link #open()} gives a shared stream, so that Jakarta Mail parses
 * the message without copying its content into the heap.
 */
public final class RawMessage implements AutoCloseable {

    private final byte[] bytes;
    private final Path file;
    private final long size;
    private final String sha256;

    private RawMessage(byte[] bytes, Path file, long size, String sha256) {
        this.bytes = bytes;
        this.file = file;
        this.size = size;
        this.sha256 = Objects.requireNonNull(sha256, "sha256");
    }

    /** A message held in memory. */
    public static RawMessage of(byte[] bytes) {
        return new RawMessage(bytes, null, bytes.length, Sha256.hex(bytes));
    }

    static RawMessage of(byte[] bytes, String sha256) {
        return new RawMessage(bytes, null, bytes.length, sha256);
    }

    static RawMessage spooled(Path file, long size, String sha256) {
        return new RawMessage(null, file, size, sha256);
    }

    public long size() {
        return size;
    }

    /** SHA-256 of the bytes, in hex. */
    public String sha256() {
        return sha256;
    }

    /** Whether the bytes are in memory ({@link #bytes()}), rather than in a file. */
    public boolean inMemory() {
        return bytes != null;
    }

    /** The bytes of a message held in memory; not a copy: do not change them. */
    public byte[] bytes() {
        if (bytes == null) {
            throw new IllegalStateException("a spooled message is read through open()");
        }
        return bytes;
    }

    /** A fresh stream over the bytes, a {@link jakarta.mail.internet.SharedInputStream}. */
    public InputStream open() {
        if (bytes != null) {
            return new SharedByteArrayInputStream(bytes);
        }
        try {
            return new SharedFileInputStream(file.toFile());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Reading the spooled message " + file + " failed", ex);
        }
    }

    /** Deletes the temporary file of a spooled message. */
    @Override
    public void close() {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            }
            catch (IOException ex) {
                file.toFile().deleteOnExit();
            }
        }
    }

    @Override
    public String toString() {
        return "RawMessage[" + size + " bytes" + (file != null ? ", spooled" : "") + "]";
    }
}
