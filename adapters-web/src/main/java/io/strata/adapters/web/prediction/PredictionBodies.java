package io.strata.adapters.web.prediction;

import io.strata.application.prediction.BackTest;
import io.strata.application.prediction.HoldoutGroup;
import io.strata.application.prediction.PredictionSummary;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.LocalDate;
import java.util.List;

/** The JSON of the predictions endpoints, held to the contract (issue 20 item 7). */
final class PredictionBodies {

    private PredictionBodies() {
    }

    record BgNbdBody(double r, double alpha, double a, double b) {
    }

    record GammaGammaBody(double p, double q, double v) {
    }

    /**
     * Nulls are written: a NOT_FITTED run has a reason and no parameters, a FITTED one the reverse. {@code nullable} on
     * the two model objects is left out: springdoc writes it beside their {@code $ref} as {@code "type": "null"}, which
     * in OpenAPI 3.1 reads as "always null" (seen in session 60); {@code ApiDescription} describes them as
     * {@code anyOf} their schema or null.
     */
    record PredictionsBody(@Schema(allowableValues = {"FITTED", "NOT_FITTED"}) String status,
                           @Schema(description = "Why the models were not fitted; null when FITTED", nullable = true) String reason,
                           @Schema(allowableValues = "WEEK") String timeUnit,
                           @Schema(description = "Buyers: customers with a purchase (an order above 0) up to the as-of day") long customers,
                           @Schema(description = "Buyers with a purchase day after their first") long repeatBuyers,
                           @Schema(description = "BG/NBD's parameters; null when NOT_FITTED") BgNbdBody bgNbd,
                           @Schema(description = "Gamma-Gamma's parameters; null when NOT_FITTED") GammaGammaBody gammaGamma,
                           @Schema(description = "BG/NBD's maximum log-likelihood; null when NOT_FITTED", nullable = true) Double logLikelihood) {

        static PredictionsBody of(PredictionSummary s) {
            return new PredictionsBody(s.status().name(), s.reason(), "WEEK", s.customers(), s.repeatBuyers(),
                    s.bgNbd() == null ? null : new BgNbdBody(s.bgNbd().r(), s.bgNbd().alpha(), s.bgNbd().a(), s.bgNbd().b()),
                    s.gammaGamma() == null ? null : new GammaGammaBody(s.gammaGamma().p(), s.gammaGamma().q(), s.gammaGamma().v()),
                    s.logLikelihood());
        }
    }

    record GroupBody(String x, long customers, double predictedPerCustomer, double actualPerCustomer, double absoluteError) {

        static GroupBody of(HoldoutGroup g) {
            return new GroupBody(g.andMore() ? g.x() + "+" : Integer.toString(g.x()), g.customers(), g.predictedPerCustomer(),
                    g.actualPerCustomer(), g.absoluteError());
        }
    }

    record BackTestBody(long runId, int holdoutWeeks, LocalDate cutoff, LocalDate asOf, PredictionsBody fit, List<GroupBody> groups,
                        Double meanAbsoluteError) {

        static BackTestBody of(BackTest t) {
            return new BackTestBody(t.runId(), t.holdoutWeeks(), t.cutoff(), t.asOf(), PredictionsBody.of(t.summary()),
                    t.groups().stream().map(GroupBody::of).toList(), t.meanAbsoluteError());
        }
    }
}
