package io.strata.application.tactical;

import io.strata.application.segmentation.SegmentationConflict;

import java.time.Instant;
import java.util.Optional;

/**
 * A new version asked of a tactical segment version that is archived: someone saved a newer version of its segment
 * after the editor read it, or archived it (session 53). A version is never changed in place, only archived, so its id
 * is the revision its editor read. Names the newest version of the segment (what is stored now), who saved or archived
 * it and when (the audit trail; the version's own record when the trail has no entry), and whether the editor's text can
 * be saved as the version after it: only while that newest version is active.
 */
public class TacticalSegmentChangedMeanwhile extends SegmentationConflict {

    private final StoredTacticalSegment revised;
    private final StoredTacticalSegment newest;
    private final String changedBy;
    private final Instant changedAt;

    public TacticalSegmentChangedMeanwhile(String message, StoredTacticalSegment revised, StoredTacticalSegment newest, String changedBy,
                                           Instant changedAt) {
        super(message);
        this.revised = revised;
        this.newest = newest;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    /** The version the editor read and asked to revise, archived now. */
    public StoredTacticalSegment revised() {
        return revised;
    }

    /** The newest version of the segment now (the one revised itself when it was archived by hand and nothing came after). */
    public StoredTacticalSegment newest() {
        return newest;
    }

    /** The newest version is active: the editor's text, sent again, is saved as the version after it. */
    public boolean canBeSavedOnTheNewest() {
        return newest.segment().isActive();
    }

    public Optional<String> changedBy() {
        return Optional.ofNullable(changedBy);
    }

    public Instant changedAt() {
        return changedAt;
    }
}
