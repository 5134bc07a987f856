package io.mailgw.inbound.poll;

/** A message could not be stored or published; the message says which and why, without secrets. */
public class MessagePublishException extends RuntimeException {

    public MessagePublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
