package io.strata.application.segmentation;

import io.strata.domain.edit.Revision;

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

    /**
     * The revision of what an editor reads and changes: the definition (name, basis, segments with their goals) and the
     * status (activating or retiring it changes what an edit does). Runs do not change it.
     */
    public Revision revision() {
        return Revision.of("segmentation", definition, status);
    }
}
