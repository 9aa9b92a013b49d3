package io.strata.application.segmentation.port.out;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Out-port: the figures each completed run stored, read for many runs at once. */
public interface RunFigures {

    record Run(long runId, LocalDate asOf, long customers) {
    }

    record SegmentFigure(long runId, String key, String name, int rank, long customers, BigDecimal revenue) {
    }

    /** A computed migration cell; {@code from} is null for customers new in the later run. */
    record Cell(long fromRunId, long toRunId, String from, String to, long customers) {
    }

    /** The segmentation's latest completed runs, newest first. */
    List<Run> latestRuns(long segmentationId, int limit);

    List<SegmentFigure> segments(List<Long> runIds);

    /** The migration cells already computed into any of these runs. */
    List<Cell> cellsInto(List<Long> toRunIds);
}
