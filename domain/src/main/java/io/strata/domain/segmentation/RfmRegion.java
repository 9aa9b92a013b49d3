package io.strata.domain.segmentation;

import java.util.Objects;

/** The cells of the score grid that one segment claims: R range × F range × range of the third score. */
public record RfmRegion(String segmentKey, ScoreRange r, ScoreRange f, ScoreRange third) {

    public RfmRegion {
        Objects.requireNonNull(segmentKey, "segment key");
        Objects.requireNonNull(r, "R range");
        Objects.requireNonNull(f, "F range");
        third = third == null ? ScoreRange.any() : third;
    }

    /** A region of the (R, F) grid, whatever the third score. */
    public static RfmRegion of(String segmentKey, ScoreRange r, ScoreRange f) {
        return new RfmRegion(segmentKey, r, f, ScoreRange.any());
    }

    public boolean contains(int rScore, int fScore, int thirdScore) {
        return r.contains(rScore) && f.contains(fScore) && third.contains(thirdScore);
    }
}
