package io.strata.bootstrap.settings;

import io.strata.application.settings.SettingRange;
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

    public static final SettingRange MINIMUM_REPEAT_BUYERS = SettingRange.whole("strata.predictions.minimum-repeat-buyers", 3, 100_000_000, "buyers", 100);
    public static final SettingRange MAXIMUM_SPEND_CORRELATION = SettingRange.number("strata.predictions.maximum-spend-correlation", "0", false, "1", true, "0.3");
    public static final SettingRange HORIZON_MONTHS = SettingRange.whole("strata.predictions.horizon-months", 1, 120, "months", 12);
    public static final SettingRange MONTHLY_DISCOUNT = SettingRange.number("strata.predictions.monthly-discount", "0", true, "1", false, "0.01");
    public static final SettingRange FIT_PATTERNS = SettingRange.whole("strata.predictions.fit-patterns", 10, 100_000_000, "patterns", 500_000);
    public static final SettingRange FIT_REPEAT_BUYERS = SettingRange.whole("strata.predictions.fit-repeat-buyers", 10, 100_000_000, "buyers", 500_000);
    public static final SettingRange FIT_BUYERS = SettingRange.whole("strata.predictions.fit-buyers", 10, 100_000_000, "buyers", 100_000);

    public PredictionSettings {
        MINIMUM_REPEAT_BUYERS.check(minimumRepeatBuyers);
        MAXIMUM_SPEND_CORRELATION.check(maximumSpendCorrelation);
        HORIZON_MONTHS.check(horizonMonths);
        MONTHLY_DISCOUNT.check(monthlyDiscount);
        FIT_PATTERNS.check(fitPatterns);
        FIT_REPEAT_BUYERS.check(fitRepeatBuyers);
        FIT_BUYERS.check(fitBuyers);
    }
}
