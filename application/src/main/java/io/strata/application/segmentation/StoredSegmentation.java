package io.strata.application.segmentation;

import io.strata.domain.edit.Revision;

import io.strata.domain.segmentation.GeneralSegmentation;

import java.time.Instant;
import java.util.Objects;

/**
 * A general segmentation as kept: its definition, status, version, whether runs already used it, and the newest version
 * made from it by an edit (null: none, or made before session 52, which did not keep it).
 */
public record StoredSegmentation(long id, GeneralSegmentation definition, DefinitionStatus status, int version, String template,
                                 Instant createdAt, Instant activatedAt, boolean hasRuns, Long newerVersion) {

    public StoredSegmentation {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(status, "status");
    }

    /** One no newer version was made from. */
    public StoredSegmentation(long id, GeneralSegmentation definition, DefinitionStatus status, int version, String template,
                              Instant createdAt, Instant activatedAt, boolean hasRuns) {
        this(id, definition, status, version, template, createdAt, activatedAt, hasRuns, null);
    }

    /**
     * The revision of what an editor reads and changes: the definition (name, basis, segments with their goals), the
     * status (activating or retiring it changes what an edit does) and the newer version made from it (an edit of it
     * after that one was made would make a version without that one's change). Runs do not change it.
     */
    public Revision revision() {
        return Revision.of("segmentation", definition, status, newerVersion);
    }
}
