package io.strata.domain.prediction;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Issue 20 item 5: an optimiser that does not converge refuses the fit (NOT_FITTED with the reason) rather than
 * handing back the point where it stopped. Each refusal of {@link MaximumLikelihood} for not converging is driven on a
 * real likelihood through the production code: on a likelihood with no maximum (the simplex walks on until its budget
 * is spent), and through {@link ValueModel#fit} with a smaller {@link MaximumLikelihood.Budget} than
 * {@link MaximumLikelihood#PRODUCTION} on CDNOW (the small base's path: the simplex over everyone) and on a generated
 * base of 50,000 customers (the large base's path: a bounded polish that must end on a flat likelihood). The same
 * bases with the production budget are fitted ({@link CdnowPublishedFitTest}, {@link SmallRidgeFitTest}; CDNOW again
 * below), so it is the budget that refuses them.
 */
class NonConvergenceTest {

    /**
     * ℓ = −1000 + √(1 + (ln θ₀)²) − (ln θ₁)²: along θ₀ it rises without end both ways (convex in ln θ₀, no maximum),
     * so Newton's stationary point (ln θ₀ = 0) is a minimum and is not taken, and the simplex, with the production
     * budget, climbs until its 20,000 evaluations are spent.
     */
    @Test
    void aLikelihoodWithoutAMaximumIsRefusedWhenTheSimplexSpendsItsEvaluations() {
        assertThatThrownBy(() -> MaximumLikelihood.maximise("test", NonConvergenceTest::withoutMaximum,
                NonConvergenceTest::gradientWithoutMaximum, new double[] {Math.E, 1}, false, -1))
                .isInstanceOf(NotFitted.class)
                .hasMessage("the test optimiser did not converge within 20000 evaluations");
    }

    /** CDNOW with Newton cut at 2 steps and the simplex at 50 evaluations a pass: BG/NBD does not converge. */
    @Test
    void cdnowWithinTooSmallABudgetIsNotFittedAndSaysTheOptimiserDidNotConverge() throws IOException {
        Cdnow cdnow = cdnow();

        ValueModel model = ValueModel.fit(cdnow.patterns(), cdnow.spends(), FitPolicy.DEFAULT, 2357, 946,
                new MaximumLikelihood.Budget(3_000, 2, 50, 8, 200));

        assertThat(model).isEqualTo(new ValueModel.Unfitted("the BG/NBD optimiser did not converge within 50 evaluations", 2357, 946));
    }

    /** The same call with the production budget: the published fit (r 0.2426, α 4.4135, a 0.7929, b 2.4258). */
    @Test
    void cdnowWithTheProductionBudgetIsFittedThroughTheSameCall() throws IOException {
        Cdnow cdnow = cdnow();

        ValueModel model = ValueModel.fit(cdnow.patterns(), cdnow.spends(), FitPolicy.DEFAULT, 2357, 946, MaximumLikelihood.PRODUCTION);

        assertThat(model).isInstanceOf(ValueModel.Fitted.class);
        BgNbd bg = ((ValueModel.Fitted) model).bgNbd();
        assertThat(bg.r()).isCloseTo(0.2426, within(0.00005));
        assertThat(bg.alpha()).isCloseTo(4.4135, within(0.00005));
        assertThat(bg.a()).isCloseTo(0.7929, within(0.00005));
        assertThat(bg.b()).isCloseTo(2.4258, within(0.00005));
    }

    /**
     * 50,000 generated customers (34,183 patterns: more than {@link ValueModel#SAMPLE_PATTERNS}, the large base's
     * path) with the sample's start cut at 10 evaluations, Newton at 2 steps and the polish at 5 evaluations: the best
     * point is not flat, and the fit is refused rather than taken from where the polish stopped.
     */
    @Test
    void aLargeBaseWhosePolishEndsOffAFlatLikelihoodIsNotFitted() {
        GeneratedBase base = GeneratedBase.of(50_000, 20);
        assertThat(base.patterns().size()).isEqualTo(34_183);
        assertThat(base.spends().size()).isEqualTo(35_108);

        ValueModel model = ValueModel.fit(base.patterns(), base.spends(), FitPolicy.DEFAULT, 50_000, 35_108,
                new MaximumLikelihood.Budget(10, 2, 20_000, 8, 5));

        assertThat(model).isEqualTo(new ValueModel.Unfitted(
                "the BG/NBD optimiser did not reach a flat likelihood within 5 evaluations of the full likelihood", 50_000, 35_108));
    }

    private static double withoutMaximum(double[] t) {
        double l0 = Math.log(t[0]);
        double l1 = Math.log(t[1]);
        return -1000 + Math.sqrt(1 + l0 * l0) - l1 * l1;
    }

    private static double[] gradientWithoutMaximum(double[] t) {
        double l0 = Math.log(t[0]);
        return new double[] {l0 / Math.sqrt(1 + l0 * l0) / t[0], -2 * Math.log(t[1]) / t[1]};
    }

    private record Cdnow(PatternColumns patterns, SpendColumns spends) {
    }

    private static Cdnow cdnow() throws IOException {
        List<PurchasePattern> patterns = new ArrayList<>();
        List<RepeatSpend> spends = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(NonConvergenceTest.class.getClassLoader()
                .getResourceAsStream("cdnow/cdnow_customers_summary_with_transactions.csv")), StandardCharsets.UTF_8))) {
            for (String[] row : in.lines().skip(1).map(line -> line.split(",")).toList()) {
                int x = Integer.parseInt(row[1]);
                patterns.add(PurchasePattern.of(x, Double.parseDouble(row[2]), Double.parseDouble(row[3])));
                if (x > 0) {
                    spends.add(new RepeatSpend(x, Double.parseDouble(row[4])));
                }
            }
        }
        return new Cdnow(PatternColumns.of(patterns), SpendColumns.of(spends));
    }
}
