package io.strata.application.tactical;

/** A value of a field and how many customers, order lines or events have it. */
public record ValueCount(String value, long count) {
}
