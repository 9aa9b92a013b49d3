package io.strata.application.prediction.port.out;

import io.strata.application.prediction.BuyerFacts;
import io.strata.application.prediction.FitBounds;
import io.strata.application.prediction.HoldoutPattern;

import io.strata.application.segmentation.RunSnapshot;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Out-port: every buyer's purchase days as the models see them, computed set-based where the orders are. Purchases
 * are orders with a total above 0, one per UTC day with the day's totals summed; x counts the purchase days after the
 * first up to and including the as-of day; t_x and T run from the first purchase day to the last and to the as-of day.
 * What comes back is bounded by {@link FitBounds}, whatever the number of buyers.
 */
public interface PurchaseHistories {

    BuyerFacts asOf(LocalDate asOf, FitBounds bounds);

    /**
     * As {@link #asOf}, for a run: the buyers' rows are aggregated once into the run's own table, which
     * {@link RunPredictions#save} scores and stores the customers' predictions from (no second aggregation of the
     * orders). With a {@code snapshot} (the run's assignment's), the orders are read as of it, and {@code snapshotRead}
     * is called as soon as they are (the assignment waits for it).
     */
    BuyerFacts ofRun(long runId, LocalDate asOf, Optional<RunSnapshot> snapshot, Runnable snapshotRead, FitBounds bounds);

    /**
     * Made-up buyers, read as {@link #ofRun} reads a run's (the same code, a query instead of a table), for the
     * predictions' warm-up at start: nothing is written.
     */
    BuyerFacts warmUpBuyers(FitBounds bounds);

    /** Drops the run's buyer table if it is still there (after a failure; {@code save} drops it itself). */
    void release(long runId);

    /**
     * Buyers as of {@code cutoff} by pattern, with the purchase days they made after it up to and including {@code end},
     * one pattern at a time (there may be millions).
     */
    void holdout(LocalDate cutoff, LocalDate end, Consumer<HoldoutPattern> patterns);
}
