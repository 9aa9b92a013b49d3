package io.strata.adapters.persistence.prediction;

import java.util.Arrays;

/**
 * Repeat buyers' spends read in any order, given to the fit in customer-key order: the order a read with
 * {@code order by customer_key} gave, to the last bit, without PostgreSQL sorting the rows. Keys are unique (one row per
 * customer). The keys and the rows' positions are packed into one long each and sorted as primitives when they fit
 * (keys below 2^(63 − bits of the row count): any key the customers' sequence hands out); otherwise positions are
 * sorted by key.
 */
final class KeyOrder {

    private KeyOrder() {
    }

    /** The positions 0 … n − 1 ordered by {@code keys[position]}, ascending. */
    static int[] of(long[] keys, int n) {
        int[] order = new int[n];
        if (n == 0) {
            return order;
        }
        int positionBits = Math.max(1, 64 - Long.numberOfLeadingZeros(n - 1L));
        long limit = 1L << (63 - positionBits);
        boolean packable = true;
        for (int i = 0; i < n && packable; i++) {
            packable = keys[i] >= 0 && keys[i] < limit;
        }
        if (packable) {
            long[] packed = new long[n];
            for (int i = 0; i < n; i++) {
                packed[i] = keys[i] << positionBits | i;
            }
            Arrays.sort(packed);
            long mask = (1L << positionBits) - 1;
            for (int i = 0; i < n; i++) {
                order[i] = (int) (packed[i] & mask);
            }
            return order;
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Long.compare(keys[a], keys[b]));
        for (int i = 0; i < n; i++) {
            order[i] = boxed[i];
        }
        return order;
    }
}
