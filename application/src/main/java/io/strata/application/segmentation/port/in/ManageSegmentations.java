package io.strata.application.segmentation.port.in;

import io.strata.domain.edit.Revision;

import io.strata.application.segmentation.StoredSegmentation;
import io.strata.application.segmentation.port.out.DefinitionDocuments;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.Segment;
import io.strata.domain.segmentation.SegmentationTemplate;

import java.util.List;

/** In-port: the general segmentations a planner works with. */
public interface ManageSegmentations {

    List<SegmentationTemplate> templates();

    StoredSegmentation createFromTemplate(String name, String templateKey);

    StoredSegmentation create(GeneralSegmentation definition);

    /** Creates a draft from a definition document (see {@link DefinitionDocuments}); the name, when given, replaces the document's. */
    StoredSegmentation createFromDocument(String name, String document);

    /** The document form of a stored definition, e.g. to copy and adjust it. */
    String document(long id);

    StoredSegmentation segmentation(long id);

    List<StoredSegmentation> segmentations();

    /** The segmentations after {@code after} in id order (oldest first; {@code null}: from the first), {@code limit} at most. */
    List<StoredSegmentation> segmentations(Long after, int limit);

    /** The newest version made from this segmentation by edits, following each version's newer one; itself when none was. */
    StoredSegmentation newestVersion(long id);

    /**
     * Edits a draft in place; a definition that has runs is never changed: the edit becomes a new draft version,
     * which is returned.
     */
    default StoredSegmentation edit(long id, GeneralSegmentation definition) {
        return edit(id, definition, null);
    }

    /**
     * {@link #edit(long, GeneralSegmentation)} if the segmentation is still in one of the revisions {@code seen} (what
     * the editor read; null: whatever it is now); otherwise {@link io.strata.application.audit.EditedMeanwhile} and
     * nothing changes. {@code edited} is given the definition as stored now, held until the edit ends, and answers the
     * edited one.
     */
    StoredSegmentation edit(long id, List<Revision> seen, java.util.function.UnaryOperator<GeneralSegmentation> edited);

    /** {@link #edit(long, GeneralSegmentation)} if the segmentation is still in one of the revisions {@code seen}. */
    default StoredSegmentation edit(long id, GeneralSegmentation definition, List<Revision> seen) {
        return edit(id, seen, current -> definition);
    }

    /** {@link #edit} with a whole definition document (segments, ranks, basis, boundaries); the name, when given, replaces the document's. */
    default StoredSegmentation editFromDocument(long id, String name, String document) {
        return editFromDocument(id, name, document, null);
    }

    /** {@link #editFromDocument(long, String, String)} if the segmentation is still in one of the revisions {@code seen}. */
    StoredSegmentation editFromDocument(long id, String name, String document, List<Revision> seen);

    /** The segments of the active general segmentation, less to more valuable (empty when none is active): what tactical segments and campaigns are planned in. */
    List<Segment> activeSegments();

    /** What activating this segmentation would leave on the one active now; changes nothing. */
    io.strata.application.segmentation.ActivationImpact activationImpact(long id);

    /** Replaces the active segmentation; what was planned on that one is marked as planned on a replaced segmentation. */
    StoredSegmentation activate(long id);

    /** Tactical segments and campaigns planned on segmentations since replaced, with those segmentations' names. */
    io.strata.application.segmentation.ReplacedPlans replacedPlans();

    StoredSegmentation retire(long id);
}
