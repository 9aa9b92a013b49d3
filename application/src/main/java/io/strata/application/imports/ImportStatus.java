package io.strata.application.imports;

public enum ImportStatus {
    RUNNING, COMPLETED, REJECTED, FAILED
}
