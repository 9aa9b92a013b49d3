package io.strata.application.prediction.port.in;

import io.strata.application.prediction.BackTest;
import io.strata.application.prediction.CustomerPredictionRow;
import io.strata.application.prediction.PredictionSummary;

import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * In-port: the predicted customer value of a completed run. Unknown runs are {@code SegmentationNotFound}, runs not
 * completed {@code PredictionsNotReady}.
 */
public interface ReadPredictions {

    PredictionSummary predictions(long runId);

    void customers(long runId, Consumer<CustomerPredictionRow> rows);

    /** Refits on the run's data without its last {@code holdoutWeeks} weeks and compares the forecast with them. */
    BackTest backTest(long runId, int holdoutWeeks);

    /**
     * Per general segment of a completed run, the mean predicted value of its customers that have one; segments
     * without (prospects, every segment of a run not fitted) are absent.
     */
    Map<String, Double> averagePredictedValues(long runId);

    /**
     * The limit a run's correlation of repeat frequency and average spend is compared against
     * ({@code strata.predictions.maximum-spend-correlation}, as set now): beyond ±limit Gamma-Gamma is refused.
     */
    double maximumSpendCorrelation();

    /** The customer's predictions from the latest completed run, if it had any. */
    Optional<CustomerPredictionRow> latestFor(String customerId);
}
