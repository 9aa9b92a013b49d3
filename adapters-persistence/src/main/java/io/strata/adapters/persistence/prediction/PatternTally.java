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
    private final PatternOrder.Builder patterns = new PatternOrder.Builder(1024);
    /** Packed pattern + 1 (0: an empty slot), and its number in {@link #patterns}. */
    private long[] keys = new long[1 << 12];
    private int[] numbers = new int[1 << 12];
    private final Map<List<Integer>, Integer> unpacked = new HashMap<>();

    PatternTally(int most) {
        this.most = most;
    }

    /** One buyer with this pattern. */
    void add(int x, int recencyDays, int ageDays) {
        if (x < 0 || x >= LIMIT || recencyDays < 0 || recencyDays >= LIMIT || ageDays < 0 || ageDays >= LIMIT) {
            Integer number = unpacked.get(List.of(x, recencyDays, ageDays));
            if (number != null) {
                patterns.countBuyer(number);
            } else if (!exceeded()) {
                unpacked.put(List.of(x, recencyDays, ageDays), patterns.size());
                patterns.add(x, recencyDays, ageDays, 1);
            }
            return;
        }
        long key = ((long) x << (2 * BITS) | (long) recencyDays << BITS | ageDays) + 1;
        int mask = keys.length - 1;
        int slot = (int) (mix(key) & mask);
        while (keys[slot] != 0) {
            if (keys[slot] == key) {
                patterns.countBuyer(numbers[slot]);
                return;
            }
            slot = (slot + 1) & mask;
        }
        if (exceeded()) {
            return;
        }
        keys[slot] = key;
        numbers[slot] = patterns.size();
        patterns.add(x, recencyDays, ageDays, 1);
        if (patterns.size() * 2 > keys.length) {
            grow();
        }
    }

    /** More distinct patterns than {@code most}: the patterns kept are not all of them. */
    boolean exceeded() {
        return patterns.size() > most;
    }

    /** The distinct patterns with their buyers, in the order they first came (put in order by {@link PatternOrder.Builder#inOrder}). */
    PatternOrder.Builder patterns() {
        return patterns;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldNumbers = numbers;
        keys = new long[oldKeys.length * 2];
        numbers = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = (int) (mix(oldKeys[i]) & mask);
                while (keys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                numbers[slot] = oldNumbers[i];
            }
        }
    }

    /** Spreads the packed values (whose low bits are T) over the slots: a multiplicative hash, its high bits folded down. */
    private static long mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}
