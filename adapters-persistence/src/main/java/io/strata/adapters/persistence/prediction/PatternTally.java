package io.strata.adapters.persistence.prediction;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Buyers (x, t_x and T in days) counted into their distinct patterns as they stream by, in the JVM: what
 * {@code group by x, recency_days, age_days} gave, without PostgreSQL hashing a million rows beside the assignment
 * (docs/benchmarks.md, "Session 33: predictions, one scan"). At most {@code most} + 1 patterns are kept: once there are more,
 * new patterns are no longer added (the caller then reads a sample's patterns instead) and only {@link #exceeded} tells.
 * Each pattern packs into one long (21 bits a value, as {@link PatternOrder}) and is found by open addressing;
 * values out of that range (none a buyer can have) go through a map of their own.
 */
final class PatternTally {

    private static final int BITS = 21;
    private static final int LIMIT = 1 << BITS;

    private final int most;
    /**
     * Two longs a slot, side by side: the packed pattern + 1 (0: an empty slot) and its buyers, so that a buyer of a
     * pattern seen before costs one probe of one cache line. Before session 36 the slot held the pattern's number and
     * its buyers were counted in an array of their own (three arrays touched at random per buyer: a third of the
     * predictions' JVM time at a million buyers, docs/benchmarks.md "Session 36: predictions").
     */
    private long[] table = new long[2 << 12];
    private int distinct;
    private final Map<List<Integer>, long[]> unpacked = new HashMap<>();

    PatternTally(int most) {
        this.most = most;
    }

    /** One buyer with this pattern. */
    void add(int x, int recencyDays, int ageDays) {
        if (x < 0 || x >= LIMIT || recencyDays < 0 || recencyDays >= LIMIT || ageDays < 0 || ageDays >= LIMIT) {
            long[] buyers = unpacked.get(List.of(x, recencyDays, ageDays));
            if (buyers != null) {
                buyers[0]++;
            } else if (!exceeded()) {
                unpacked.put(List.of(x, recencyDays, ageDays), new long[] {1});
                distinct++;
            }
            return;
        }
        long key = ((long) x << (2 * BITS) | (long) recencyDays << BITS | ageDays) + 1;
        int mask = (table.length >> 1) - 1;
        int slot = (int) (mix(key) & mask);
        while (true) {
            long held = table[2 * slot];
            if (held == key) {
                table[2 * slot + 1]++;
                return;
            }
            if (held == 0) {
                break;
            }
            slot = (slot + 1) & mask;
        }
        if (exceeded()) {
            return;
        }
        table[2 * slot] = key;
        table[2 * slot + 1] = 1;
        distinct++;
        if (distinct > (table.length >> 2)) {
            grow();
        }
    }

    /** More distinct patterns than {@code most}: the patterns kept are not all of them. */
    boolean exceeded() {
        return distinct > most;
    }

    /** The distinct patterns with their buyers, in no particular order (put in order by {@link PatternOrder.Builder#inOrder}). */
    PatternOrder.Builder patterns() {
        PatternOrder.Builder patterns = new PatternOrder.Builder(Math.max(16, distinct));
        long field = LIMIT - 1;
        for (int slot = 0; slot < table.length; slot += 2) {
            if (table[slot] != 0) {
                long packed = table[slot] - 1;
                patterns.add((int) (packed >>> (2 * BITS)), (int) (packed >>> BITS & field), (int) (packed & field), table[slot + 1]);
            }
        }
        unpacked.forEach((pattern, buyers) -> patterns.add(pattern.get(0), pattern.get(1), pattern.get(2), buyers[0]));
        return patterns;
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = (table.length >> 1) - 1;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i] != 0) {
                int slot = (int) (mix(old[i]) & mask);
                while (table[2 * slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[2 * slot] = old[i];
                table[2 * slot + 1] = old[i + 1];
            }
        }
    }

    /** Spreads the packed values (whose low bits are T) over the slots: a multiplicative hash, its high bits folded down. */
    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}
