package io.strata.application.segmentation;

import io.strata.domain.segmentation.GeneralSegmentation;

import java.time.Instant;
import java.util.Objects;

/** A general segmentation as kept: its definition, status, version and whether runs already used it. */
public record StoredSegmentation(long id, GeneralSegmentation definition, DefinitionStatus status, int version, String template,
                                 Instant createdAt, Instant activatedAt, boolean hasRuns) {

    public StoredSegmentation {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(status, "status");
    }
}
