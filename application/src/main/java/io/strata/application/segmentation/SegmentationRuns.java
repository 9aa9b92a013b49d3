package io.strata.application.segmentation;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Out-port: runs and their stored results. */
public interface SegmentationRuns {

    /** Records a RUNNING run; throws {@link RunInProgress} while another run is RUNNING. */
    long begin(long segmentationId, LocalDate asOf);

    void complete(long runId, long customers);

    void fail(long runId, String error);

    Optional<SegmentationRunView> find(long runId, double smallSegmentShare);

    List<SegmentationRunView> recent(int limit, double smallSegmentShare);

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

    record SegmentMember(long key, String customerId, String email, String city, Integer r, Integer f, Integer m, Integer recencyDays,
                         int frequency, java.math.BigDecimal monetary) {
    }

    /** The customer's assignment in every completed run, newest first. */
    List<CustomerRunEntry> historyOf(String customerId);

    record CustomerRunEntry(long runId, LocalDate asOf, long segmentationId, String segmentationName, String segment, String segmentName,
                            Integer r, Integer f, Integer m, Integer recencyDays, int frequency, java.math.BigDecimal monetary) {
    }

    record AssignmentRow(String customerId, String segment, Integer r, Integer f, Integer m, Integer recencyDays, int frequency,
                         java.math.BigDecimal monetary) {
    }
}
