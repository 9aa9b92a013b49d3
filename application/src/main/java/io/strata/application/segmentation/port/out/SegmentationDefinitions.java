package io.strata.application.segmentation.port.out;

import io.strata.application.segmentation.StoredSegmentation;
import io.strata.domain.segmentation.GeneralSegmentation;

import java.util.List;
import java.util.Optional;

/** Out-port: stored general segmentation definitions. */
public interface SegmentationDefinitions {

    long add(GeneralSegmentation definition, String template, int version);

    /**
     * Adds a new version made from the segmentation {@code madeFrom} (an edit of one in use), so that the stored one
     * knows it has a newer version ({@link StoredSegmentation#newerVersion()}).
     */
    long addVersion(GeneralSegmentation definition, String template, int version, long madeFrom);

    Optional<StoredSegmentation> find(long id);

    /**
     * Reads the segmentation and holds its row until the current unit of work ends: a concurrent edit of it waits, then
     * reads what this one left. Only meaningful inside {@link io.strata.application.audit.port.out.Transactions#inOne}.
     */
    Optional<StoredSegmentation> lockForChange(long id);

    List<StoredSegmentation> all();

    /** Those with an id above {@code after} ({@code null}: every one), by id, {@code limit} at most: cut in the database. */
    List<StoredSegmentation> page(Long after, int limit);

    Optional<StoredSegmentation> active();

    /** Makes this one ACTIVE and the previously active one INACTIVE, atomically. */
    void activate(long id);

    void replaceDraft(long id, GeneralSegmentation definition);

    void retire(long id);
}
