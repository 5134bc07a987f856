package io.mailgw.model.connect;

import java.util.ArrayList;
import java.util.List;

/** The ports the guard lets a connection go to, written as {@code 25,465,587} or ranges such as {@code 1024-65535}. */
final class PortRanges {

    private final List<int[]> ranges;
    private final String text;

    private PortRanges(List<int[]> ranges, String text) {
        this.ranges = ranges;
        this.text = text;
    }

    /**
     * @param items each a port or a range {@code low-high}, both ends included
     * @throws IllegalArgumentException naming the item that is not a port or range
     */
    static PortRanges parse(List<String> items) {
        List<int[]> ranges = new ArrayList<>();
        List<String> written = new ArrayList<>();
        for (String item : items) {
            for (String part : item.split(",")) {
                String value = part.trim();
                if (!value.isEmpty()) {
                    ranges.add(range(value));
                    written.add(value);
                }
            }
        }
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("no port is allowed: name at least one, such as 25,465,587,110,995,143,993");
        }
        return new PortRanges(List.copyOf(ranges), String.join(",", written));
    }

    boolean contains(int port) {
        return ranges.stream().anyMatch(range -> port >= range[0] && port <= range[1]);
    }

    @Override
    public String toString() {
        return text;
    }

    private static int[] range(String value) {
        int dash = value.indexOf('-');
        try {
            int low = Integer.parseInt((dash < 0 ? value : value.substring(0, dash)).trim());
            int high = dash < 0 ? low : Integer.parseInt(value.substring(dash + 1).trim());
            if (low >= 1 && high <= 65_535 && low <= high) {
                return new int[] {low, high};
            }
        }
        catch (NumberFormatException ex) {
            // named below
        }
        throw new IllegalArgumentException("'" + value + "' is not a port or a range of ports such as 587 or 1024-65535");
    }
}
