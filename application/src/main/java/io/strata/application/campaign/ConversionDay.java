package io.strata.application.campaign;

import java.time.LocalDate;

/** Customers of each group whose first order in the attribution window fell on this UTC day. */
public record ConversionDay(LocalDate day, long treatment, long control) {
}
