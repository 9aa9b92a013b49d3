package io.strata.bootstrap.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code strata.predictions.*}: when a run's value models are refused (too few repeat buyers, spend correlated with
 * frequency) and over which horizon and monthly discount predicted value is counted. {@code enabled=false} makes runs
 * without predictions (their predictions then answer NOT_FITTED, "made before predictions"); meant for measuring what
 * predictions add to a run (bench/prediction-benchmark.sh), and for a base where they cannot mean anything.
 * {@code fit-patterns} and {@code fit-repeat-buyers} bound what the models are fitted on (FitBounds): above them, a
 * deterministic sample of the buyers, so that the application's memory does not grow with the base; {@code fit-buyers}
 * (default 100,000) bounds the buyers the fit reads at all: beyond it the buyers' read sends only a deterministic sample
 * of about that many (the counts, and the scoring, stay every buyer's; docs/predictions.md, "Memory").
 * {@code warm-up} (default true; ignored when predictions are disabled): at start, before the application takes
 * requests, made-up buyers go through the predictions' code (read, fit, scoring, the forecasts' bytes; nothing written),
 * so that the first runs after a start do not pay the JIT compiling it (docs/predictions.md, "Warm-up at start").
 */
@ConfigurationProperties("strata.predictions")
public record PredictionSettings(@DefaultValue("100") int minimumRepeatBuyers,
                                 @DefaultValue("0.3") double maximumSpendCorrelation,
                                 @DefaultValue("12") int horizonMonths,
                                 @DefaultValue("0.01") double monthlyDiscount,
                                 @DefaultValue("true") boolean enabled,
                                 @DefaultValue("500000") int fitPatterns,
                                 @DefaultValue("500000") int fitRepeatBuyers,
                                 @DefaultValue("true") boolean warmUp,
                                 @DefaultValue("100000") int fitBuyers) {
}
