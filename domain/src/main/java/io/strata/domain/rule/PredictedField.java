package io.strata.domain.rule;

import io.strata.domain.customer.FieldType;
import io.strata.domain.prediction.CustomerPrediction;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A customer's predictions in the run a rule is evaluated against (docs/predictions.md): missing for customers who never
 * bought and for everyone when the run's models were not fitted. The names are the columns of the predictions CSV.
 * Predictions are binary doubles; a rule's decimal literal is compared with them as the nearest double, as PostgreSQL
 * compares a double precision column with a numeric value.
 */
public enum PredictedField implements RuleField {
    P_ALIVE(CustomerPrediction::probabilityAlive),
    EXPECTED_PURCHASES_30D(CustomerPrediction::purchases30d),
    EXPECTED_PURCHASES_90D(CustomerPrediction::purchases90d),
    EXPECTED_PURCHASES_365D(CustomerPrediction::purchases365d),
    EXPECTED_PURCHASE_VALUE(CustomerPrediction::expectedPurchaseValue),
    PREDICTED_VALUE(CustomerPrediction::predictedValue);

    private final ToDoubleFunction<CustomerPrediction> reading;

    PredictedField(ToDoubleFunction<CustomerPrediction> reading) {
        this.reading = reading;
    }

    @Override
    public String fieldName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public FieldType type() {
        return FieldType.NUMBER;
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.predicted(this);
    }

    /** The exact value of the prediction's double, or {@code null} without a prediction. */
    public BigDecimal valueIn(CustomerPrediction prediction) {
        return prediction == null ? null : exact(reading.applyAsDouble(prediction));
    }

    /** A literal as the double nearest to it (correctly rounded, as PostgreSQL's numeric to double precision), exactly. */
    public static BigDecimal asDouble(BigDecimal literal) {
        return exact(Double.parseDouble(literal.toString()));
    }

    /** new BigDecimal(double) is exact and has no negative zero, so comparisons are those of doubles. */
    private static BigDecimal exact(double value) {
        return new BigDecimal(value);
    }
}
