package io.strata.application.segmentation.port.out;

import io.strata.application.segmentation.RunSnapshot;
import io.strata.domain.segmentation.GeneralSegmentation;

import java.time.LocalDate;
import java.util.function.Consumer;

/** Out-port: computes a definition for every customer in bulk and stores the run's assignments and summary. */
public interface SegmentationEngine {

    /** Answers the number of customers assigned. */
    long assign(long runId, GeneralSegmentation definition, LocalDate asOf);

    /**
     * As {@link #assign(long, GeneralSegmentation, LocalDate)}, handing the snapshot it reads to {@code snapshotTaken}
     * as soon as it has one, so that other work of the run can read the same data meanwhile; the snapshot stays valid
     * until {@code snapshotTaken} returns, and after while the assignment runs. An engine that cannot share its snapshot
     * never calls it.
     */
    default long assign(long runId, GeneralSegmentation definition, LocalDate asOf, Consumer<RunSnapshot> snapshotTaken) {
        return assign(runId, definition, asOf);
    }
}
