package io.strata.application.prediction;

import io.strata.domain.prediction.ValueModel;

/**
 * What the predictions' warm-up did ({@link PredictionService#warmUp}): how many made-up buyers it read, in how many
 * patterns, how many repeat buyers' spends the fit used (a sample when there were more than the warm-up's bound), the
 * models fitted to them, for how many distinct (x, T) it made forecasts if alive and how many bytes of them (0 and 0
 * when the models were not fitted), and in how many milliseconds. Told in the log; nothing else reads it.
 */
public record PredictionWarmUp(long customers, int patterns, int spends, ValueModel model, int ages, long forecastBytes, long millis) {

    public boolean fitted() {
        return model instanceof ValueModel.Fitted;
    }
}
