package io.mailgw.inbound.parse;

import io.mailgw.inbound.InboundPollerProperties;

/**
 * What one message may cost the parser; beyond a limit the message is still published, with what
 * could be read and {@code parseError} saying which limit it met.
 *
 * @param attachmentInlineMax bytes up to which an attachment travels inline
 * @param bodyMax             characters at which text and html are cut
 * @param depthMax            MIME nesting read at most
 * @param partsMax            MIME parts read at most
 * @param headerMax           bytes of the header section; a larger one is not parsed
 * @param messageMax          bytes of a message whose body is read; a larger one gives its headers only
 */
public record ParseLimits(long attachmentInlineMax, int bodyMax, int depthMax, int partsMax, long headerMax,
                          long messageMax) {

    public static ParseLimits of(InboundPollerProperties properties) {
        return new ParseLimits(properties.attachmentInlineMax().toBytes(),
                (int) Math.min(Integer.MAX_VALUE - 1, properties.bodyMax().toBytes()), properties.mimeDepthMax(),
                properties.mimePartsMax(), properties.headerMax().toBytes(), properties.messageMax().toBytes());
    }
}
