package io.strata.domain.prediction;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The forecast's hypergeometric series. When BG/NBD's a and b are huge (a base without heterogeneity in drop-out, as the
 * benchmark's), Euler's transformed series overflows for every buyer and the original series is summed instead; the
 * overflow is told by NaN, not by an exception (whose message and stack trace cost ten times the sum). Oracles: the
 * original series summed in 40-digit decimal arithmetic, written out below, independent of the double code.
 */
class HypergeometricTest {

    /** BG/NBD as fitted to the benchmark's generated base (a and b of 10^5 to 10^7; see docs/benchmarks.md). */
    private static final double R = 0.3456;
    private static final double ALPHA = 1.0338;

    @Test
    void anOverflowingSeriesIsNaNWhereTheCheckedSumThrows() {
        double a = 654_000;
        double b = 2_307_000;
        // the transformed series' terms grow by about a z / n before they shrink: beyond the largest double
        assertThat(Hypergeometric.f21OrNaN(a + b - 1 - R, a - 1, a + b + 3 - 1, 0.5)).isNaN();
        assertThatThrownBy(() -> Hypergeometric.f21(a + b - 1 - R, a - 1, a + b + 3 - 1, 0.5)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("overflows");
        // a converging series is the same sum either way, to the last bit
        assertThat(Hypergeometric.f21OrNaN(R + 3, b + 3, a + b + 2, 0.5)).isEqualTo(Hypergeometric.f21(R + 3, b + 3, a + b + 2, 0.5));
        // 2F1(1, 1; 2; z) = -ln(1 - z) / z
        assertThat(Hypergeometric.f21OrNaN(1, 1, 2, 0.5)).isCloseTo(-Math.log(0.5) / 0.5, org.assertj.core.api.Assertions.within(1e-14));
    }

    @Test
    void forHugeAAndBTheForecastIsTheOriginalSeriesToTwelveDigits() {
        double[][] models = {{654_000, 2_307_000}, {2.0e6, 7.2e6}, {3.0e7, 9.0e7}, {1.0e8, 1.0e8}, {5.0e5, 1.0e6}};
        int[] frequencies = {0, 1, 3, 12, 40};
        double[] ages = {0, 1 / 7.0, 10, 52.14, 104.3};
        double[] horizons = {30 / 7.0, 90 / 7.0, 365 / 7.0};
        int checked = 0;
        for (double[] ab : models) {
            BgNbd model = new BgNbd(R, ALPHA, ab[0], ab[1]);
            for (int x : frequencies) {
                for (double age : ages) {
                    for (double weeks : horizons) {
                        double expected = originalSeriesInDecimals(model, weeks, x, age);
                        double actual = model.expectedPurchasesIfAlive(weeks, x, age);
                        assertThat(Math.abs(actual - expected)).as("a %s, b %s, x %d, T %s, t %s: %s against %s", ab[0], ab[1], x, age, weeks,
                                actual, expected).isLessThanOrEqualTo(1e-12 * Math.abs(expected));
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isEqualTo(375);
    }

    /**
     * Equation 10's numerator, (a+b+x-1)/(a-1) · [1 − (1−z)^(r+x) · 2F1(r+x, b+x; a+b+x−1; z)], z = t/(α+T+t), with the
     * series summed in 40 digits until a term is below 10^-30 of the sum.
     */
    private static double originalSeriesInDecimals(BgNbd model, double weeks, int x, double age) {
        MathContext m = new MathContext(40);
        BigDecimal z = new BigDecimal(weeks).divide(new BigDecimal(model.alpha() + age + weeks), m);
        BigDecimal p = new BigDecimal(model.r() + x);
        BigDecimal q = new BigDecimal(model.b()).add(BigDecimal.valueOf(x));
        BigDecimal c = new BigDecimal(model.a()).add(new BigDecimal(model.b())).add(BigDecimal.valueOf(x - 1));
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int n = 0; n < 100_000; n++) {
            BigDecimal k = BigDecimal.valueOf(n);
            term = term.multiply(p.add(k)).multiply(q.add(k)).multiply(z).divide(c.add(k).multiply(BigDecimal.valueOf(n + 1L)), m);
            sum = sum.add(term, m);
            if (term.abs().compareTo(sum.abs().scaleByPowerOfTen(-30)) < 0) {
                break;
            }
        }
        // (1 - z)^(r + x) in doubles: a relative error of 1e-16 in it is far below what the test asks
        double damped = Math.pow(1 - z.doubleValue(), model.r() + x) * sum.doubleValue();
        BigDecimal bracket = BigDecimal.ONE.subtract(new BigDecimal(damped));
        return c.divide(new BigDecimal(model.a() - 1), m).multiply(bracket, m).doubleValue();
    }

    /** The series is summed for 0 <= z < 1: at z = 0 it is 1, and z = 1 (where it may not converge) is refused. */
    @Test
    void zRunsFromZeroIncludedToOneExcluded() {
        assertThat(Hypergeometric.f21OrNaN(2, 3, 4, 0)).isEqualTo(1.0);
        // 2F1(1, 1; 3; 1) = 2 converges, but only as 2 / n: refused rather than summed a million terms
        assertThatThrownBy(() -> Hypergeometric.f21OrNaN(1, 1, 3, 1.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("2F1 is summed for 0 <= z < 1 only, not 1.0");
        assertThatThrownBy(() -> Hypergeometric.f21OrNaN(1, 1, 3, -0.01)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * 2F1(1, 1; 1; z) = 1 / (1 - z) is the geometric series: at z = 1 - 10^-7 its terms (1 - 10^-7)^n fall below 10^-15 of
     * the sum only after some 3 · 10^8 terms, far beyond the million summed: not converged, NaN (an exception when checked).
     */
    @Test
    void aSeriesThatHasNotConvergedInAMillionTermsIsNaN() {
        assertThat(Hypergeometric.f21OrNaN(1, 1, 1, 1 - 1e-7)).isNaN();
        assertThatThrownBy(() -> Hypergeometric.f21(1, 1, 1, 1 - 1e-7)).isInstanceOf(ArithmeticException.class)
                .hasMessageEndingWith("overflows as a series or does not converge in 1000000 terms");
        // at z = 1 - 10^-4 it converges in some 253,000 terms: 1 / (1 - z) to 9 digits
        assertThat(Hypergeometric.f21(1, 1, 1, 1 - 1e-4)).isCloseTo(1e4, within(1e-5));
    }

    /**
     * The sum stops when a term is below 10^-15 of the sum, relative: at a = 0.2 (a - 1 < 0, so the transformed series'
     * terms are negative) and b = 100, over ten years, the forecast's transformed series sums to a small number, and a
     * bound not relative to it leaves an error of 3 · 10^-8. Oracle: equation 10 at 40 digits (mpmath's hyp2f1) for a
     * buyer with x = 0 seen for one week, r 0.05, α 0.5, a 0.2, b 100: 14.8433318670216288 purchases in 520 weeks.
     */
    @Test
    void theSeriesStopsRelativeToItsSumSoASmallSumKeepsItsDigits() {
        assertThat(new BgNbd(0.05, 0.5, 0.2, 100).expectedPurchases(520, 0, 0, 1)).isCloseTo(14.8433318670216288, within(1e-9));
    }
}
