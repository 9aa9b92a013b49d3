package io.strata.application.segmentation;

import io.strata.domain.segmentation.GeneralSegmentation;

import java.time.LocalDate;

/** Work that belongs to a run once its general segments are assigned, e.g. tactical memberships. */
public interface RunFollowUp {

    void afterAssignment(long runId, GeneralSegmentation definition, LocalDate asOf);
}
