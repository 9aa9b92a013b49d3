package io.strata.application.campaign;

import io.strata.application.segmentation.AssignmentRow;
import io.strata.application.segmentation.CustomerRunEntry;
import io.strata.application.segmentation.MigrationView;
import io.strata.application.segmentation.RunStatus;
import io.strata.application.segmentation.SegmentMember;
import io.strata.application.segmentation.StoredRun;
import io.strata.application.segmentation.port.out.SegmentationRuns;
import io.strata.domain.segmentation.SegmentCount;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Completed runs of segmentation 3 ("Frequency") in memory, the latest the last one added; what campaigns read of runs. */
final class CompletedRuns implements SegmentationRuns {

    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    private final Map<Long, StoredRun> stored = new HashMap<>();
    private Long latest;

    void completed(long runId, String... segments) {
        List<SegmentCount> counts = new ArrayList<>();
        for (int i = 0; i < segments.length; i++) {
            counts.add(new SegmentCount(segments[i], segments[i], i + 1, 10, BigDecimal.TEN, 10));
        }
        stored.put(runId, new StoredRun(runId, 3, "Frequency", RunStatus.COMPLETED, LocalDate.of(2026, 12, 7), AT, AT, 100L, null,
                counts));
        latest = runId;
    }

    @Override
    public Optional<Long> latestCompleted() {
        return Optional.ofNullable(latest);
    }

    @Override
    public Optional<StoredRun> find(long runId) {
        return Optional.ofNullable(stored.get(runId));
    }

    @Override
    public long reserve() {
        throw new UnsupportedOperationException();
    }

    @Override
    public <T> T onClaim(long runId, java.util.function.Supplier<T> work) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void begin(long runId, long segmentationId, LocalDate asOf) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void abandon(long runId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void complete(long runId, long customers) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void fail(long runId, String error) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String readyForReaders(long runId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void followedUp(long runId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean isFollowedUp(long runId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean claimFollowUps(long runId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void releaseFollowUps(long runId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<MigrationView> storedMigration(long fromRunId, long toRunId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StoredRun> recent(Long before, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Long> previousCompleted(long runId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void streamAssignments(long runId, Consumer<AssignmentRow> rows) {
        throw new UnsupportedOperationException();
    }

    @Override
    public MigrationView migration(long fromRunId, long toRunId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<SegmentMember> members(long runId, String segmentKey, String search, long afterKey, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<CustomerRunEntry> historyOf(String customerId) {
        throw new UnsupportedOperationException();
    }
}
