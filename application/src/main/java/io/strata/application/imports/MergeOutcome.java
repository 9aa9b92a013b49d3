package io.strata.application.imports;

public record MergeOutcome(long imported, long created, long updated) {
}
