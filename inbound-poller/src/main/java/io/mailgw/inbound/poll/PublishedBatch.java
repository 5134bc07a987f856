package io.mailgw.inbound.poll;

import java.util.List;

import io.mailgw.inbound.checkpoint.Fingerprint;

/**
 * What Kafka acknowledged of a batch.
 *
 * @param acked        the messages acknowledged (or skipped as published before): the batch's first ones
 * @param fingerprints theirs, in the same order
 * @param failure      why the rest was not, or {@code null} when all were
 */
public record PublishedBatch(List<MessageRef> acked, List<Fingerprint> fingerprints, MessagePublishException failure) {

    public PublishedBatch {
        acked = List.copyOf(acked);
        fingerprints = List.copyOf(fingerprints);
    }
}
