package io.strata.domain.rule;

import io.strata.domain.customer.FieldType;

import java.util.Locale;

/** The RFM scores r, f, m (1 to 5), absent for customers without purchases. */
public enum RfmScore implements RuleField {
    R, F, M;

    @Override
    public String fieldName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.rfmScore(this);
    }

    @Override
    public FieldType type() {
        return FieldType.NUMBER;
    }
}
