package io.strata.application.campaign;

/** Customers in both runs, and how many of them ranked higher in the later one, the holdout against everyone else. */
public record HoldoutMigration(long heldOut, long heldOutMovedUp, long others, long othersMovedUp) {
}
