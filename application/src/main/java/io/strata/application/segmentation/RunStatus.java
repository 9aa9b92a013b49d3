package io.strata.application.segmentation;

public enum RunStatus {
    RUNNING, COMPLETED, FAILED
}
