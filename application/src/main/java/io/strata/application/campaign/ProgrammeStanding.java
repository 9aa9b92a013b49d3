package io.strata.application.campaign;

import java.util.Optional;

/**
 * The holdout as it is now and the latest measurement of the programme against it; empty before the first completed run
 * since the holdout was last changed.
 */
public record ProgrammeStanding(StoredHoldout holdout, Optional<ProgrammeMeasurement> measurement) {
}
