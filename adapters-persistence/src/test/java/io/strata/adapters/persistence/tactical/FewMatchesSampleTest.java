package io.strata.adapters.persistence.tactical;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A preview with few matches takes its sample from the keys its count brought, and those come from parallel workers in
 * no order: the sample must still be the smallest keys, ascending, as the walk in key order gives them.
 */
class FewMatchesSampleTest {

    @Test
    void theSampleIsTheSmallestKeysInAscendingOrderWhateverOrderTheyCameIn() {
        long[] keys = {907, 12, 5_000_000_000L, 3, 77, 41, 12_345, 8};

        assertThat(SqlTacticalMembership.smallest(keys, 4)).containsExactly(3, 8, 12, 41);
        assertThat(keys).as("the count's keys are left as they came").containsExactly(907, 12, 5_000_000_000L, 3, 77, 41, 12_345, 8);
    }

    @Test
    void aSampleLargerThanTheMatchesTakesThemAll() {
        assertThat(SqlTacticalMembership.smallest(new long[]{9, 2, 5}, 10)).containsExactly(2, 5, 9);
        assertThat(SqlTacticalMembership.smallest(new long[0], 10)).isEmpty();
    }
}
