package io.strata.application.campaign.port.out;

import io.strata.application.campaign.HoldoutMigration;
import io.strata.application.campaign.HoldoutRevenue;
import io.strata.application.campaign.HoldoutSize;
import io.strata.application.campaign.ProgrammeMeasurement;
import io.strata.application.campaign.StoredHoldout;

import java.time.Instant;
import java.util.Optional;

/** Out-port: the global holdout (one for all campaigns) and the outcomes of its customers against everyone else's. */
public interface Holdouts {

    StoredHoldout current();

    /** Reads the holdout and holds it until the unit of work ends. */
    StoredHoldout lockForChange();

    void save(StoredHoldout holdout);

    /** All customers, and those the current holdout holds out. */
    HoldoutSize size();

    /** Each customer's sum of orders with a positive total in [from, to), 0 for none, per side of the holdout. */
    HoldoutRevenue revenue(Instant from, Instant to);

    /** The first segmentation run that completed after {@code at}, if any (the baseline of a draw made before any run). */
    Optional<Long> firstRunCompletedAfter(Instant at);

    /** Customers assigned in both runs, and those ranked higher in the later one, per side of the holdout. */
    HoldoutMigration migration(long fromRunId, long toRunId);

    /** Keeps a measurement (one per run; measuring a run again replaces it). */
    void saveMeasurement(ProgrammeMeasurement measurement);

    /** The measurement of the latest run measured. */
    Optional<ProgrammeMeasurement> latestMeasurement();
}
