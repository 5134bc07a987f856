package io.mailgw.inbound.parse;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Finds where a message's header section ends, reading no further than a limit. */
final class HeaderSection {

    private HeaderSection() {
    }

    /**
     * @return whether the header section ends (an empty line, or the end of the message) within
     *         {@code limit} bytes
     */
    static boolean endsWithin(InputStream message, long limit) throws IOException {
        InputStream in = new BufferedInputStream(message, 8192);
        int previous = -1;
        for (long read = 0; read <= limit; read++) {
            int b = in.read();
            if (b < 0) {
                return true;
            }
            if (b == '\n' && previous == '\n') {
                return true;
            }
            if (b != '\r') {
                previous = b;
            }
        }
        return false;
    }
}
