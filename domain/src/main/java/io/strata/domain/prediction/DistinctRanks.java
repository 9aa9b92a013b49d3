package io.strata.domain.prediction;

import java.util.Arrays;

/**
 * The distinct values among many (told apart as {@link Double#compare} does, by their bits), ascending, and each value's
 * rank among them, found by hashing: a million buyers' patterns hold a few hundred thousand values but only hundreds of
 * distinct x and times, so the table stays small (in the processor's cache) and each value costs one probe. Before
 * session 36 {@link GroupedPatterns} sorted every value (914,000 doubles at a million buyers) and searched each one's
 * place by bisection. The distinct values and ranks are the same; only the way to them differs.
 */
final class DistinctRanks {

    private long[] keys = new long[64];
    private boolean[] used = new boolean[64];
    private int size;
    private double[] ascending;
    private int[] ranks;

    /** A value (before {@link #ascending} is asked for). */
    void add(double value) {
        if (ascending != null) {
            throw new IllegalStateException("the ranks are already taken");
        }
        long bits = Double.doubleToLongBits(value);
        int mask = keys.length - 1;
        int slot = (int) (mix(bits) & mask);
        while (used[slot]) {
            if (keys[slot] == bits) {
                return;
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        keys[slot] = bits;
        size++;
        if (size * 2 > keys.length) {
            grow();
        }
    }

    /** The distinct values added, ascending. */
    double[] ascending() {
        if (ascending == null) {
            double[] values = new double[size];
            for (int slot = 0, k = 0; slot < keys.length; slot++) {
                if (used[slot]) {
                    values[k++] = Double.longBitsToDouble(keys[slot]);
                }
            }
            Arrays.sort(values);
            ranks = new int[keys.length];
            for (int k = 0; k < values.length; k++) {
                ranks[slotOf(values[k])] = k;
            }
            ascending = values;
        }
        return ascending;
    }

    /** The place of a value added in {@link #ascending}. */
    int rank(double value) {
        ascending();
        return ranks[slotOf(value)];
    }

    private int slotOf(double value) {
        long bits = Double.doubleToLongBits(value);
        int mask = keys.length - 1;
        int slot = (int) (mix(bits) & mask);
        while (used[slot]) {
            if (keys[slot] == bits) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        throw new IllegalArgumentException("the value " + value + " was not added");
    }

    private void grow() {
        long[] oldKeys = keys;
        boolean[] oldUsed = used;
        keys = new long[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                int slot = (int) (mix(oldKeys[i]) & mask);
                while (used[slot]) {
                    slot = (slot + 1) & mask;
                }
                used[slot] = true;
                keys[slot] = oldKeys[i];
            }
        }
    }

    /**
     * MurmurHash3's finaliser: every bit of the value moves every bit of the slot. A multiplicative hash would put
     * whole numbers (as doubles: low mantissa bits all zero) into few slots.
     */
    private static long mix(long bits) {
        long h = bits;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
