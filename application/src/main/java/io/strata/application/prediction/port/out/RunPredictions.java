package io.strata.application.prediction.port.out;

import io.strata.application.prediction.BuyerAge;
import io.strata.application.prediction.CustomerPredictionRow;
import io.strata.application.prediction.PredictionSummary;
import io.strata.application.prediction.PatternScoring;
import io.strata.domain.prediction.GammaGamma;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Out-port: a run's fitted models and every buyer's predictions. */
public interface RunPredictions {

    /**
     * Stores the summary and, for every buyer as of {@code asOf}, what its predictions are worked out from: the forecasts
     * if alive of its x and T ({@code scoring} asked a chunk of the run's distinct (x, T) pairs at a time), to which its
     * P(alive) and the expected purchase value of {@code spend} are applied at read; without scoring (a summary not
     * fitted) the buyers' predicted fields are empty.
     */
    default void save(PredictionSummary summary, LocalDate asOf, Optional<PatternScoring> scoring, GammaGamma spend) {
        save(summary, asOf, scoring, spend, false);
    }

    /**
     * As {@link #save(PredictionSummary, LocalDate, Optional, GammaGamma)}; {@code buyersCarried}: the run's assignment
     * carries every buyer's pattern in its own rows (RunSnapshot.buyersCarried), which are then the run's buyers.
     */
    void save(PredictionSummary summary, LocalDate asOf, Optional<PatternScoring> scoring, GammaGamma spend, boolean buyersCarried);

    /**
     * The predictions' warm-up at start: {@code ages} scored a chunk at a time and each chunk's rows put into the form
     * {@link #save} sends them in, then dropped; nothing is written. Returns the number of bytes made.
     */
    long warmUp(List<BuyerAge> ages, PatternScoring scoring);

    Optional<PredictionSummary> find(long runId);

    /** Every buyer's predictions in the run, in customer id order. */
    void streamCustomers(long runId, Consumer<CustomerPredictionRow> rows);

    /**
     * Per segment key of the run, the mean predicted value of its customers that have one (none: not in the map): one
     * pass over the run's rows, stored when the run is completed.
     */
    Map<String, Double> averagePredictedValueBySegment(long runId);

    /** The averages as stored for a completed run, without working them out; empty until they are. */
    Optional<Map<String, Double>> storedAveragePredictedValueBySegment(long runId);

    /** The customer's predictions in the latest completed run that has them. */
    Optional<CustomerPredictionRow> latestFor(String customerId);
}
