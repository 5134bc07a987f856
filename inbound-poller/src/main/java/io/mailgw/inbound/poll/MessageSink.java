package io.mailgw.inbound.poll;

/** Where a fetcher hands each message: stored, parsed and published before the call returns. */
@FunctionalInterface
public interface MessageSink {

    /**
     * @throws MessagePublishException when the message could not be stored or published; the
     *                                 checkpoint must then stay where it is
     * @throws InterruptedException    when the poller shuts down while waiting for Kafka
     */
    void publish(FetchedMessage message) throws InterruptedException;
}
