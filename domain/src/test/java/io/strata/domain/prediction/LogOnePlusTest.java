package io.strata.domain.prediction;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LogOnePlus} against {@link StrictMath#log1p} (fdlibm), where the likelihoods call it and at the edges. */
class LogOnePlusTest {

    @Test
    void withinTwoUnitsInTheLastPlaceOfFdlibmFromTheTiniestToTheLargest() {
        Random random = new Random(54);
        for (int i = 0; i < 200_000; i++) {
            // y = 10^e for e uniform on -320..300: subnormal, below half an ulp of 1, near 1, huge
            double y = Math.pow(10, random.nextDouble() * 620 - 320);
            double expected = StrictMath.log1p(y);
            assertThat(Math.abs(LogOnePlus.of(y) - expected)).as("ln(1 + %s)", y).isLessThanOrEqualTo(2 * Math.ulp(expected));
        }
    }

    @Test
    void whereTheLikelihoodsCallIt() {
        // BG/NBD: ln(1 + e^d) for d <= 0; Gamma-Gamma: ln(1 + x m / v) from 0 up
        for (double d = -40; d <= 0; d += 0.001) {
            double y = Math.exp(d);
            assertThat(Math.abs(LogOnePlus.of(y) - StrictMath.log1p(y))).isLessThanOrEqualTo(2 * Math.ulp(StrictMath.log1p(y)));
        }
        assertThat(LogOnePlus.of(1)).isCloseTo(0.6931471805599453, org.assertj.core.data.Offset.offset(2 * Math.ulp(0.69)));
        assertThat(LogOnePlus.of(1e-17)).isEqualTo(1e-17);
        assertThat(LogOnePlus.of(3e-300)).isEqualTo(3e-300);
    }

    @Test
    void itsEdgesAreLog1psEdges() {
        assertThat(LogOnePlus.of(0)).isEqualTo(0.0);
        assertThat(LogOnePlus.of(Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(LogOnePlus.of(Double.NaN)).isNaN();
        assertThat(LogOnePlus.of(-1)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(LogOnePlus.of(-2)).isNaN();
        assertThat(LogOnePlus.of(Double.MAX_VALUE)).isEqualTo(StrictMath.log1p(Double.MAX_VALUE));
    }
}
