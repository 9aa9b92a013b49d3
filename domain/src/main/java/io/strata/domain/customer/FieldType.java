package io.strata.domain.customer;

/** The types a profile field or custom attribute can have; rules compare values of the same type. */
public enum FieldType {
    TEXT, NUMBER, BOOLEAN, DATE
}
