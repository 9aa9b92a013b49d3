package io.strata.domain.rule;

import io.strata.domain.history.CustomerHistory;
import io.strata.domain.metrics.CustomerMetrics;
import io.strata.domain.prediction.CustomerPrediction;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One customer as a rule sees them on the as-of date D: their history (profile, order lines, events), their
 * metrics as of D, their RFM scores (1 to 5, or {@code null} when they have none) and their predictions in the run
 * ({@code null} when they have none: never bought, or the run's models were not fitted).
 */
public record RuleSubject(CustomerHistory history, CustomerMetrics metrics, Integer r, Integer f, Integer m,
                          LocalDate asOf, CustomerPrediction prediction) {

    public RuleSubject {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(asOf, "asOf");
        checkScore("r", r);
        checkScore("f", f);
        checkScore("m", m);
    }

    /** A subject without predictions. */
    public RuleSubject(CustomerHistory history, CustomerMetrics metrics, Integer r, Integer f, Integer m, LocalDate asOf) {
        this(history, metrics, r, f, m, asOf, null);
    }

    /** The subject with metrics computed as the contract defines them, as of {@code asOf}. */
    public static RuleSubject of(CustomerHistory history, LocalDate asOf, Integer r, Integer f, Integer m) {
        return new RuleSubject(history, CustomerMetrics.asOf(asOf, history.orderLines()), r, f, m, asOf);
    }

    public static RuleSubject withoutScores(CustomerHistory history, LocalDate asOf) {
        return of(history, asOf, null, null, null);
    }

    public RuleSubject withPrediction(CustomerPrediction prediction) {
        return new RuleSubject(history, metrics, r, f, m, asOf, prediction);
    }

    public Integer score(RfmScore score) {
        return switch (score) {
            case R -> r;
            case F -> f;
            case M -> m;
        };
    }

    private static void checkScore(String name, Integer score) {
        if (score != null && (score < 1 || score > 5)) {
            throw new IllegalArgumentException("score " + name + " must be 1 to 5, not " + score);
        }
    }
}
