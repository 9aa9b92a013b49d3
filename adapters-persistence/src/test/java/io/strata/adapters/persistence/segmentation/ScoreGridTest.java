package io.strata.adapters.persistence.segmentation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regions resolved into the grid's 125 cells, and the cell subscript the assignment computes in SQL. Oracles
 * written out from the contract's rfm-classic table (docs/segmentation.md) and by hand.
 */
class ScoreGridTest {

    @Test
    void rfmClassicCellsFollowTheContractsTableWhateverTheThirdScore() {
        String[] cells = ScoreGrid.cells(SqlSegmentationRunTest.RFM_CLASSIC);

        assertThat(cells).hasSize(125).doesNotContainNull();
        for (int m = 1; m <= 5; m++) {
            assertThat(cell(cells, 1, 1, m)).isEqualTo("hibernating");
            assertThat(cell(cells, 2, 2, m)).isEqualTo("hibernating");
            assertThat(cell(cells, 2, 3, m)).isEqualTo("at_risk");
            assertThat(cell(cells, 1, 4, m)).isEqualTo("at_risk");
            assertThat(cell(cells, 2, 5, m)).isEqualTo("cant_lose");
            assertThat(cell(cells, 3, 2, m)).isEqualTo("about_to_sleep");
            assertThat(cell(cells, 3, 3, m)).isEqualTo("need_attention");
            assertThat(cell(cells, 3, 4, m)).isEqualTo("loyal_customers");
            assertThat(cell(cells, 4, 5, m)).isEqualTo("loyal_customers");
            assertThat(cell(cells, 4, 1, m)).isEqualTo("promising");
            assertThat(cell(cells, 5, 1, m)).isEqualTo("new_customers");
            assertThat(cell(cells, 4, 2, m)).isEqualTo("potential_loyalists");
            assertThat(cell(cells, 5, 3, m)).isEqualTo("potential_loyalists");
            assertThat(cell(cells, 5, 4, m)).isEqualTo("champions");
            assertThat(cell(cells, 5, 5, m)).isEqualTo("champions");
        }
    }

    /** Regions limiting the third score: each (r, f, m) goes to the region whose three ranges hold it, the first one if two do. */
    @Test
    void theThirdScoreSplitsCellsAndTheFirstClaimingRegionWins() {
        List<SqlPlan.ScoreRegion> regions = List.of(
                new SqlPlan.ScoreRegion("big_spenders", 1, 5, 1, 5, 5, 5),
                new SqlPlan.ScoreRegion("recent", 4, 5, 1, 5, 1, 5),
                new SqlPlan.ScoreRegion("rest", 1, 5, 1, 5, 1, 5));

        String[] cells = ScoreGrid.cells(regions);

        assertThat(cell(cells, 1, 1, 5)).isEqualTo("big_spenders");
        assertThat(cell(cells, 5, 5, 5)).isEqualTo("big_spenders");
        assertThat(cell(cells, 5, 5, 4)).isEqualTo("recent");
        assertThat(cell(cells, 4, 1, 1)).isEqualTo("recent");
        assertThat(cell(cells, 3, 5, 4)).isEqualTo("rest");
        assertThat(cell(cells, 1, 1, 1)).isEqualTo("rest");
    }

    @Test
    void aCellNoRegionClaimsHasNoSegment() {
        String[] cells = ScoreGrid.cells(List.of(new SqlPlan.ScoreRegion("low", 1, 2, 1, 5, 1, 5)));

        assertThat(cell(cells, 2, 5, 5)).isEqualTo("low");
        assertThat(cell(cells, 3, 1, 1)).isNull();
    }

    /** The subscript SQL computes, 25 r + 5 f + m - 30, is 1-based and runs over 1..125 in (r, f, m) order. */
    @Test
    void theCellSubscriptCountsFromOneInScoreOrder() {
        assertThat(subscript(1, 1, 1)).isEqualTo(1);
        assertThat(subscript(1, 1, 2)).isEqualTo(2);
        assertThat(subscript(1, 2, 1)).isEqualTo(6);
        assertThat(subscript(2, 1, 1)).isEqualTo(26);
        assertThat(subscript(5, 5, 5)).isEqualTo(125);
        assertThat(ScoreGrid.CELL.formatted("s.r", "s.f", "s.m")).isEqualTo("25 * s.r + 5 * s.f + s.m - 30");
    }

    /** The cell as SQL reads it: the array's element at the 1-based subscript, written out as (r-1)*25 + (f-1)*5 + m. */
    private static String cell(String[] cells, int r, int f, int m) {
        return cells[subscript(r, f, m) - 1];
    }

    private static int subscript(int r, int f, int m) {
        return (r - 1) * 25 + (f - 1) * 5 + m;
    }
}
