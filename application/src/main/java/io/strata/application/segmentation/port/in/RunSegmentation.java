package io.strata.application.segmentation.port.in;

import io.strata.application.segmentation.AssignmentRow;
import io.strata.application.segmentation.CustomerRunEntry;
import io.strata.application.segmentation.SegmentMember;
import io.strata.application.segmentation.port.out.SegmentationRuns;
import io.strata.application.segmentation.MigrationView;
import io.strata.application.segmentation.SegmentationRunView;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** In-port: compute the active general segmentation for every customer, and read what runs found. */
public interface RunSegmentation {

    /** Starts a run in the background and answers it as RUNNING. */
    SegmentationRunView start(LocalDate asOf);

    /**
     * Starts a run as {@link #start} does, in one unit of work with what a schedule claims and records of it: first
     * {@code claim} (false: nothing is begun, and the answer is empty), then the run is recorded RUNNING, then {@code
     * record} with its id. All of it is stored, or none (a process killed in between, a run already RUNNING: {@link
     * io.strata.application.segmentation.RunInProgress}, the claim undone with the rest).
     */
    Optional<SegmentationRunView> startClaimed(LocalDate asOf, java.util.function.BooleanSupplier claim, java.util.function.LongConsumer record);

    /**
     * Runs to the end and answers the finished run (COMPLETED or FAILED) as soon as it is; the work after a completed
     * run (migrations, programme and campaign measurements) goes on in the background: {@link #followedUp(long)}.
     */
    SegmentationRunView runAndWait(LocalDate asOf);

    Optional<SegmentationRunView> run(long runId);

    /** The newest runs first. */
    default List<SegmentationRunView> recentRuns(int limit) {
        return recentRuns(null, limit);
    }

    /** A page of the runs, newest first: those with an id below {@code before} ({@code null}: from the newest), at most {@code limit}. */
    List<SegmentationRunView> recentRuns(Long before, int limit);

    Optional<SegmentationRunView> latestCompletedRun();

    void assignments(long runId, Consumer<AssignmentRow> rows);

    /** From the given earlier run (or, when null, the previous completed run of the same segmentation) to {@code toRunId}. */
    MigrationView migration(Long fromRunId, long toRunId);

    /**
     * At start and at each look at the clock: the work after the latest completed run, when nobody did it (a stop
     * interrupted it, or a Spark job completed the run), is queued on the run's worker; done once, under a claim.
     */
    void resumeFollowUps();

    /** Whether the work after the run (migrations, measurements) is done, so that pages can say "not measured yet". */
    boolean followedUp(long runId);

    /**
     * The migration from the previous completed run of the same segmentation to {@code toRunId} as its run's worker
     * stored it; empty when there is no previous run or it is not worked out yet. Pages read this, never a computation.
     */
    Optional<MigrationView> storedMigration(long toRunId);

    /** A page of a segment's members in a run (at most 500 a page). */
    List<SegmentMember> segmentMembers(long runId, String segmentKey, String search, long afterKey, int limit);

    /** A customer's general segment in every completed run, newest first. */
    List<CustomerRunEntry> segmentHistory(String customerId);
}
