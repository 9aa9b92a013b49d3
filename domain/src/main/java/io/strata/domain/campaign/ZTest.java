package io.strata.domain.campaign;

import java.util.Optional;

/**
 * Two-proportion z-test with the pooled proportion: z = (p1 − p2) / sqrt(p (1 − p) (1/n1 + 1/n2)) with
 * p = (x1 + x2) / (n1 + n2), and the two-sided p-value P(|Z| ≥ |z|). Undefined (empty) when a group is empty or
 * when nobody or everybody converted, since the standard error is then 0.
 */
public record ZTest(double z, double pValue) {

    public static Optional<ZTest> of(long converters1, long customers1, long converters2, long customers2) {
        if (customers1 <= 0 || customers2 <= 0) {
            return Optional.empty();
        }
        if (converters1 < 0 || converters2 < 0 || converters1 > customers1 || converters2 > customers2) {
            throw new IllegalArgumentException("converters must be between 0 and the group's customers");
        }
        double p1 = (double) converters1 / customers1;
        double p2 = (double) converters2 / customers2;
        double pooled = (double) (converters1 + converters2) / (customers1 + customers2);
        double variance = pooled * (1 - pooled) * (1.0 / customers1 + 1.0 / customers2);
        if (variance <= 0) {
            return Optional.empty();
        }
        double z = (p1 - p2) / Math.sqrt(variance);
        return Optional.of(new ZTest(z, NormalDistribution.twoSidedTail(z)));
    }
}
