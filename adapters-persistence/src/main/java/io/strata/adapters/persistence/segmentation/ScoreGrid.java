package io.strata.adapters.persistence.segmentation;

import java.util.List;

/**
 * An RFM plan's regions resolved into the 125 cells of the (R, F, third score) grid, once per run in Java: the
 * assignment then finds a buyer's segment by one subscript ({@link #CELL}) instead of testing the regions in turn
 * (ten regions of six comparisons each for rfm-classic, per buyer: about 0.7 s of each process at 1M customers,
 * issue 19 item 2). The first region that claims a cell wins, as the regions' CASE did; a definition's regions claim
 * every cell exactly once, so a cell no region claims (none, for a valid definition) holds null, as the CASE gave.
 */
final class ScoreGrid {

    /**
     * The cell of scores (r, f, m), each 1 to 5, as a 1-based subscript: (r - 1) * 25 + (f - 1) * 5 + m, written with
     * the constant folded (the scores' columns are spliced in by the caller: %1$s r, %2$s f, %3$s m).
     */
    static final String CELL = "25 * %1$s + 5 * %2$s + %3$s - 30";

    private ScoreGrid() {
    }

    /** The segment key of every cell, in subscript order (index 0 is cell 1: r = f = m = 1). */
    static String[] cells(List<SqlPlan.ScoreRegion> regions) {
        int scores = AssignmentSql.SCORES;
        String[] cells = new String[scores * scores * scores];
        for (int r = 1; r <= scores; r++) {
            for (int f = 1; f <= scores; f++) {
                for (int m = 1; m <= scores; m++) {
                    cells[(r - 1) * scores * scores + (f - 1) * scores + (m - 1)] = claimant(regions, r, f, m);
                }
            }
        }
        return cells;
    }

    private static String claimant(List<SqlPlan.ScoreRegion> regions, int r, int f, int m) {
        for (SqlPlan.ScoreRegion region : regions) {
            if (region.rFrom() <= r && r <= region.rTo() && region.fFrom() <= f && f <= region.fTo()
                    && region.mFrom() <= m && m <= region.mTo()) {
                return region.segmentKey();
            }
        }
        return null;
    }
}
