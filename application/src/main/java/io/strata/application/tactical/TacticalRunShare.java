package io.strata.application.tactical;

import java.time.LocalDate;

/** A tactical segment's size in one completed run, beside its parent's. */
public record TacticalRunShare(long runId, LocalDate asOf, long members, long parentCustomers) {

    /** The share of the parent, or null when the parent had no customers in that run. */
    public Double shareOfParent() {
        return parentCustomers == 0 ? null : (double) members / parentCustomers;
    }
}
