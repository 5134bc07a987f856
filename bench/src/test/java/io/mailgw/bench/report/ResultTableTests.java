package io.mailgw.bench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResultTableTests {

    @Test
    void rendersAnAlignedMarkdownTableWithGoalsAndNotes() {
        String text = new ResultTable("Outbound")
                .row("throughput", "900.0 msg/s", ">= 50 %", true)
                .row("p99", "140 ms", "< 100 ms", false)
                .row("limit", "1,800.0 msg/s")
                .row("drain", "12.0 msg/s", ">= 50 %", null)
                .note("Measured on loopback.")
                .render();

        assertThat(text).isEqualTo("""
                ### Outbound

                | figure     | value         | goal     | met |
                | ---------- | ------------- | -------- | --- |
                | throughput | 900.0 msg/s   | >= 50 %  | yes |
                | p99        | 140 ms        | < 100 ms | NO  |
                | limit      | 1,800.0 msg/s |          |     |
                | drain      | 12.0 msg/s    | >= 50 %  | ?   |

                - Measured on loopback.
                """);
    }
}
