package io.strata.application.prediction;

import io.strata.domain.prediction.PatternForecast;

import java.util.List;
import java.util.Optional;

/**
 * The fitted model's forecasts for a chunk of patterns, in their order: the store hands the run's patterns over a chunk
 * at a time and writes each chunk's forecasts out before it asks for the next, so no more than a chunk is held.
 * Throws {@link io.strata.domain.prediction.NotFitted} when the model gives no finite forecast for one of them.
 */
@FunctionalInterface
public interface PatternScoring {

    List<PatternForecast> forecasts(List<BuyerPattern> chunk);

    /**
     * The run's patterns, every one, in the order to score them (x, T, t_x), when the scorer already holds them (the fit
     * read them all: no sample); the store then scores these instead of grouping the buyers again. Empty: the store
     * groups and reads them itself.
     */
    default Optional<List<BuyerPattern>> held() {
        return Optional.empty();
    }
}
