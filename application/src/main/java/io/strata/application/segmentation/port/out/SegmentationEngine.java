package io.strata.application.segmentation.port.out;

import io.strata.domain.segmentation.GeneralSegmentation;

import java.time.LocalDate;

/** Out-port: computes a definition for every customer in bulk and stores the run's assignments and summary. */
public interface SegmentationEngine {

    /** Answers the number of customers assigned. */
    long assign(long runId, GeneralSegmentation definition, LocalDate asOf);
}
