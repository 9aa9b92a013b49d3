package io.strata.application.tactical;

public record RunSize(long tacticalId, long members, long parentCustomers) {
}
