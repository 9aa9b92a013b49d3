package io.strata.application.prediction;

public enum PredictionStatus {
    FITTED, NOT_FITTED
}
