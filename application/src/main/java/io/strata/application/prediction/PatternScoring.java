package io.strata.application.prediction;

import io.strata.domain.prediction.PatternForecast;

import java.util.List;
import java.util.Optional;

/**
 * The fitted model's forecasts if alive for a chunk of the run's distinct (x, T) pairs, in their order: the store hands
 * them over a chunk at a time and writes each chunk's forecasts out before it asks for the next, so no more than a chunk
 * is held. P(alive), the only part of a buyer's forecasts that depends on t_x, is not scored here: the view
 * run_customer_predictions works it out at read from the run's parameters (changeset 470). Throws
 * {@link io.strata.domain.prediction.NotFitted} when the model gives no finite forecast for one of them.
 */
@FunctionalInterface
public interface PatternScoring {

    List<PatternForecast.IfAlive> forecastsIfAlive(List<BuyerAge> chunk);

    /**
     * The run's distinct (x, T) pairs, every one, in the order to score them (x, then T), when the scorer already holds
     * them (the fit read every pattern, or a sample of the buyers beside every buyer's (x, T): {@link BuyerFacts#agesToScore});
     * the store then scores these instead of grouping the buyers again. Empty: the store groups and reads them itself.
     */
    default Optional<List<BuyerAge>> held() {
        return Optional.empty();
    }
}
