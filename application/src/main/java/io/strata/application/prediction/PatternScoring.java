package io.strata.application.prediction;

import io.strata.domain.prediction.PatternForecast;

import java.util.List;

/**
 * The fitted model's forecasts for a chunk of patterns, in their order: the store hands the run's patterns over a chunk
 * at a time and writes each chunk's forecasts out before it asks for the next, so no more than a chunk is held.
 * Throws {@link io.strata.domain.prediction.NotFitted} when the model gives no finite forecast for one of them.
 */
@FunctionalInterface
public interface PatternScoring {

    List<PatternForecast> forecasts(List<BuyerPattern> chunk);
}
