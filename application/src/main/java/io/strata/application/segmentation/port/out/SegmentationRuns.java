package io.strata.application.segmentation.port.out;

import io.strata.application.segmentation.AssignmentRow;
import io.strata.application.segmentation.CustomerRunEntry;
import io.strata.application.segmentation.SegmentMember;
import io.strata.application.segmentation.RunInProgress;
import io.strata.application.segmentation.MigrationView;
import io.strata.application.segmentation.StoredRun;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Out-port: runs and their stored results. */
public interface SegmentationRuns {

    /**
     * Draws the next run's id and claims the run for this node, before any unit of work records it (the claim exists
     * before the RUNNING record does); {@link #abandon} ends the claim if the run is not recorded after all.
     */
    long reserve();

    /**
     * Does {@code work}, the unit of work that records the reserved run, on what holds the run's claim, so that beginning
     * a run takes nothing more of the store's than its claim (one connection of the pool, session 60: before, the unit of
     * work held one and waited for a second for the claim, and N runs started at once on a pool of N starved it).
     */
    <T> T onClaim(long runId, java.util.function.Supplier<T> work);

    /**
     * Records the reserved run RUNNING, in the caller's unit of work; throws {@link RunInProgress} while another run is
     * RUNNING (without ending that unit of work).
     */
    void begin(long runId, long segmentationId, LocalDate asOf);

    /** The run reserved by {@link #reserve} was not recorded after all (refused, or its unit of work rolled back): its claim ends. */
    void abandon(long runId);

    void complete(long runId, long customers);

    void fail(long runId, String error);

    /**
     * Once the run is complete and has answered: readies the rows it wrote for their readers (the store's bookkeeping of
     * freshly written rows, which the first readers would otherwise do, each paying for it): previews read the run's
     * members without visiting its rows. Answers what was done, for the log.
     */
    String readyForReaders(long runId);

    /** Marks the work after a completed (or failed) run as done: migrations, measurements. */
    void followedUp(long runId);

    /** Whether the work after the run is done; false while the run's worker is still at it. */
    boolean isFollowedUp(long runId);

    /**
     * Claims the work after a completed run for this thread, if no one (another node, or another thread of this one)
     * is at it: the run's own worker and a look at the clock may both want to do it, and it must be done once.
     */
    boolean claimFollowUps(long runId);

    /** Ends the claim {@link #claimFollowUps} took. */
    void releaseFollowUps(long runId);

    /** The migration between two runs if it was already worked out; never computes it. */
    Optional<MigrationView> storedMigration(long fromRunId, long toRunId);

    Optional<StoredRun> find(long runId);

    /** The newest runs first, with an id below {@code before} ({@code null}: from the newest), at most {@code limit}. */
    List<StoredRun> recent(Long before, int limit);

    Optional<Long> latestCompleted();

    /** The latest completed run of one segmentation before the given run, for migration. */
    Optional<Long> previousCompleted(long runId);

    /** Streams assignment rows (customer_id, segment, r, f, m, recency_days, frequency, monetary) in customer order. */
    void streamAssignments(long runId, Consumer<AssignmentRow> rows);

    MigrationView migration(long fromRunId, long toRunId);

    /**
     * One page of a segment's members in a run, in internal key order after {@code afterKey}; {@code search} matches a
     * customer id exactly or an email case-insensitively.
     */
    List<SegmentMember> members(long runId, String segmentKey, String search, long afterKey, int limit);

    /** The customer's assignment in every completed run, newest first. */
    List<CustomerRunEntry> historyOf(String customerId);
}
