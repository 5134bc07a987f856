package io.mailgw.bench.report;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FiguresTests {

    @Test
    void rateIsMessagesPerSecondOfTheTimeTaken() {
        assertThat(Figures.rate(20_000, Duration.ofSeconds(8))).isEqualTo(2_500.0);
        assertThat(Figures.rate(3, Duration.ofMillis(1_500))).isEqualTo(2.0);
    }

    @Test
    void rateOfNoTimeIsZeroNotInfinite() {
        assertThat(Figures.rate(10, Duration.ZERO)).isZero();
    }

    @Test
    void sharesAndMultiplesSayNotApplicableWithoutABase() {
        assertThat(Figures.percent(1_000, 4_000)).isEqualTo("25.0 %");
        assertThat(Figures.times(500, 50)).isEqualTo("10.0x");
        assertThat(Figures.percent(1, 0)).isEqualTo("n/a");
        assertThat(Figures.times(1, 0)).isEqualTo("n/a");
    }

    @Test
    void printsSizesInMebibytesAndRatesWithThousandsSeparators() {
        assertThat(Figures.mebibytes(256L * 1024 * 1024)).isEqualTo("256 MB");
        assertThat(Figures.rate(4_474.2)).isEqualTo("4,474.2 msg/s");
    }
}
