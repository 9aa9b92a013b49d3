package io.strata.application.campaign;

/** All customers, and those the holdout holds out now. */
public record HoldoutSize(long customers, long heldOut) {
}
