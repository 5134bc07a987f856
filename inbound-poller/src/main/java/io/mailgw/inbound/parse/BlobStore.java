package io.mailgw.inbound.parse;

import java.io.IOException;
import java.io.InputStream;

/** Keeps content too large to travel inline, returning an id a consumer can fetch it by. */
@FunctionalInterface
public interface BlobStore {

    /**
     * Streams {@code content} into the store, never holding it whole.
     *
     * @param key deterministic (same message, same key), so that a replay finds the first copy
     * @return the blob's id; storing the same key again returns the same id
     */
    String store(String key, String fileName, String contentType, InputStream content) throws IOException;
}
