package io.strata.adapters.persistence.prediction;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Positions ordered by their keys, on both of KeyOrder's paths: keys that pack with their position into one long
 * (non-negative, below 2^(63 − position bits)) and keys that do not (negative, or as large as a bigint goes). Oracle: the
 * keys sorted by Arrays.sort; the keys are unique, so the positions are determined.
 */
class KeyOrderTest {

    @Test
    void packedKeysComeOutInKeyOrder() {
        Random random = new Random(31);
        long[] keys = random.longs(100_000, 0, 1L << 40).distinct().toArray();
        assertOrdered(keys);
    }

    @Test
    void keysTooLargeOrNegativeToPackComeOutInKeyOrder() {
        assertOrdered(new long[] {Long.MAX_VALUE, 3, -7, 1L << 62, 0, Long.MIN_VALUE, 12});
    }

    @Test
    void keysAtTheLimitOfPackingComeOutInKeyOrder() {
        // three positions take 2 bits: keys below 2^61 pack, 2^61 itself does not
        assertOrdered(new long[] {(1L << 61) - 1, (1L << 61) - 2, 5});
        assertOrdered(new long[] {(1L << 61), (1L << 61) - 2, 5});
    }

    @Test
    void noneAndOne() {
        assertThat(KeyOrder.of(new long[0], 0)).isEmpty();
        assertThat(KeyOrder.of(new long[] {42, 1}, 1)).containsExactly(0);
    }

    private static void assertOrdered(long[] keys) {
        int[] order = KeyOrder.of(keys, keys.length);
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        long[] byOrder = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            byOrder[i] = keys[order[i]];
        }
        assertThat(byOrder).containsExactly(sorted);
    }
}
