package io.strata.domain.campaign;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Reference values from the textbook formula evaluated in double precision with an exact erfc (Python's math.erfc). */
class ZTestTest {

    @Test
    void sixtyOfAHundredAgainstFortyOfAHundredIsSignificant() {
        // pooled 0.5, se = sqrt(0.25 * 0.02) = 0.070711, z = 0.2 / 0.070711 = 2.828427
        ZTest test = ZTest.of(60, 100, 40, 100).orElseThrow();

        assertThat(test.z()).isCloseTo(2.8284271247461894, within(1e-9));
        assertThat(test.pValue()).isCloseTo(0.00467773498104728, within(1e-8));
    }

    @Test
    void sevenOfFourteenAgainstOneOfFourIsNot() {
        // pooled 8/18, se = sqrt(8/18 * 10/18 * (1/14 + 1/4)) = 0.281718, z = 0.25 / 0.281718 = 0.887412
        ZTest test = ZTest.of(7, 14, 1, 4).orElseThrow();

        assertThat(test.z()).isCloseTo(0.8874119674649424, within(1e-9));
        assertThat(test.pValue()).isCloseTo(0.3748571426833401, within(1e-7));
    }

    @Test
    void aWorseTreatmentGivesANegativeZAndTheSameTwoSidedPValue() {
        ZTest better = ZTest.of(60, 100, 40, 100).orElseThrow();
        ZTest worse = ZTest.of(40, 100, 60, 100).orElseThrow();

        assertThat(worse.z()).isCloseTo(-better.z(), within(1e-12));
        assertThat(worse.pValue()).isCloseTo(better.pValue(), within(1e-12));
    }

    @Test
    void theTestIsUndefinedForAnEmptyGroupOrWhenNobodyOrEverybodyConverted() {
        assertThat(ZTest.of(3, 10, 0, 0)).isEmpty();
        assertThat(ZTest.of(0, 10, 0, 5)).isEmpty();
        assertThat(ZTest.of(10, 10, 5, 5)).isEmpty();
    }
}
