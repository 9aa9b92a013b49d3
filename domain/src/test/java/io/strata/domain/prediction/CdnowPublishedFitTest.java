package io.strata.domain.prediction;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The CDNOW summary table shipped with the lifetimes library (2,357 customers, 39 weeks to 1997-09-30) fitted by
 * Strata gives the published parameters: BG/NBD r 0.2426, α 4.4135, a 0.7929, b 2.4258 (Fader, Hardie and Lee 2005,
 * and lifetimes), Gamma-Gamma on the 946 repeat buyers p 6.249, q 3.745, v 15.45.
 */
class CdnowPublishedFitTest {

    private static ValueModel.Fitted model;
    private static List<PurchasePattern> patterns;
    private static List<RepeatSpend> spends;

    @BeforeAll
    static void fit() throws IOException {
        // new lists each time: a JVM may run the class more than once (PIT does, once per mutant)
        patterns = new ArrayList<>();
        spends = new ArrayList<>();
        for (String[] row : rows("cdnow/cdnow_customers_summary_with_transactions.csv")) {
            int x = Integer.parseInt(row[1]);
            patterns.add(PurchasePattern.of(x, Double.parseDouble(row[2]), Double.parseDouble(row[3])));
            if (x > 0) {
                spends.add(new RepeatSpend(x, Double.parseDouble(row[4])));
            }
        }
        model = (ValueModel.Fitted) ValueModel.fit(patterns, spends, FitPolicy.DEFAULT);
    }

    @Test
    void bgNbdMatchesThePublishedParametersToFourDecimals() {
        assertThat(model.bgNbd().r()).isCloseTo(0.2426, within(0.00005));
        assertThat(model.bgNbd().alpha()).isCloseTo(4.4135, within(0.00005));
        assertThat(model.bgNbd().a()).isCloseTo(0.7929, within(0.00005));
        assertThat(model.bgNbd().b()).isCloseTo(2.4258, within(0.00005));
    }

    @Test
    void bgNbdReachesThePublishedLogLikelihood() {
        // Fader, Hardie and Lee 2005, section 4: LL = -9582.4
        assertThat(model.logLikelihood()).isCloseTo(-9582.4, within(0.05));
    }

    @Test
    void gammaGammaOnTheRepeatBuyersMatchesThePublishedParameters() {
        assertThat(model.repeatBuyers()).isEqualTo(946);
        assertThat(model.customers()).isEqualTo(2357);
        assertThat(model.gammaGamma().p()).isCloseTo(6.249, within(0.0005));
        assertThat(model.gammaGamma().q()).isCloseTo(3.745, within(0.0005));
        assertThat(model.gammaGamma().v()).isCloseTo(15.45, within(0.005));
    }

    /**
     * Gamma-Gamma is a scale family: CDNOW's spends in units 10^12 times smaller (a mean spend of some 3.5·10^13, as
     * amounts near the imports' bound of 10^15 give) fit to the published p 6.249 and q 3.745 and v 15.45·10^12. They
     * were refused as "drifted to a degenerate edge": v beyond e^20 (session 59, amounts near the bound).
     */
    @Test
    void gammaGammaOnSpendsATrillionTimesLargerFitsTheSameModelScaled() {
        List<RepeatSpend> large = spends.stream().map(s -> new RepeatSpend(s.x(), s.averageValue() * 1e12)).toList();

        ValueModel scaled = ValueModel.fit(patterns, large, FitPolicy.DEFAULT);

        assertThat(scaled).isInstanceOf(ValueModel.Fitted.class);
        GammaGamma gammaGamma = ((ValueModel.Fitted) scaled).gammaGamma();
        assertThat(gammaGamma.p()).isCloseTo(6.249, within(0.0005));
        assertThat(gammaGamma.q()).isCloseTo(3.745, within(0.0005));
        assertThat(gammaGamma.v() / 1e12).isCloseTo(15.45, within(0.005));
    }

    @Test
    void theSummaryWithoutSpendHasTheSamePatterns() throws IOException {
        List<String[]> plain = rows("cdnow/cdnow_customers_summary.csv");
        assertThat(plain).hasSize(2357);
        List<PurchasePattern> patterns = plain.stream().map(row -> PurchasePattern.of(Integer.parseInt(row[1]),
                Double.parseDouble(row[2]), Double.parseDouble(row[3]))).toList();
        assertThat(model.bgNbd().logLikelihood(patterns)).isCloseTo(model.logLikelihood(), within(1e-6));
    }

    /** The policy's least number of repeat buyers is enough: CDNOW's 946 are fitted at 946 and refused at 947. */
    @Test
    void exactlyTheLeastNumberOfRepeatBuyersIsEnough() {
        assertThat(ValueModel.fit(patterns, spends, new FitPolicy(947, 0.3)))
                .isEqualTo(new ValueModel.Unfitted("too few repeat buyers to fit: 946, at least 947 are needed", 2357, 946));
        ValueModel.Fitted atTheLimit = (ValueModel.Fitted) ValueModel.fit(patterns, spends, new FitPolicy(946, 0.3));
        assertThat(atTheLimit.bgNbd().r()).isCloseTo(0.2426, within(0.00005));
        assertThat(atTheLimit.gammaGamma().q()).isCloseTo(3.745, within(0.0005));
    }

    private static List<String[]> rows(String resource) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                CdnowPublishedFitTest.class.getClassLoader().getResourceAsStream(resource)), StandardCharsets.UTF_8))) {
            return in.lines().skip(1).map(line -> line.split(",")).toList();
        }
    }
}
