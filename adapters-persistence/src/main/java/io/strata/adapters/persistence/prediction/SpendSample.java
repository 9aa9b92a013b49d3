package io.strata.adapters.persistence.prediction;

import io.strata.domain.prediction.SpendColumns;

import java.util.Arrays;

/**
 * Repeat buyers' spends as they stream by in the same scan as their patterns, kept as the sample
 * {@link JdbcPurchaseHistories} reads: all of them when they are at most {@code most}, otherwise those whose key's hash
 * (masked positive, as PostgreSQL gives it) is below {@link JdbcPurchaseHistories#threshold} of
 * {@code margin · most / repeat buyers}, then the first {@code most} in key order. The number of repeat buyers is known
 * only at the end of the scan, but the threshold only falls as it grows: a buyer below none of the thresholds met so
 * far cannot be below the last one, so the rows are pruned whenever they fill twice the bound and the JVM holds at most
 * about that many.
 */
final class SpendSample {

    private final int most;
    private final double margin;
    private long[] keys;
    private int[] x;
    private double[] average;
    private long[] hash;
    private int size;
    private long repeatBuyers;

    SpendSample(int most, double margin) {
        this.most = most;
        this.margin = margin;
        int capacity = 1024;
        keys = new long[capacity];
        x = new int[capacity];
        average = new double[capacity];
        hash = new long[capacity];
    }

    /** A repeat buyer: its key, x, repeat average and {@code hashint8extended(key, 0) & 9223372036854775807}. */
    void add(long key, int x, double average, long hash) {
        repeatBuyers++;
        if (repeatBuyers > most && hash >= threshold()) {
            return;
        }
        if (size == keys.length) {
            if (repeatBuyers > most && size >= 2 * most) {
                prune();
            }
            if (size == keys.length) {
                int capacity = size + Math.max(16, size / 2);
                keys = Arrays.copyOf(keys, capacity);
                this.x = Arrays.copyOf(this.x, capacity);
                this.average = Arrays.copyOf(this.average, capacity);
                this.hash = Arrays.copyOf(this.hash, capacity);
            }
        }
        keys[size] = key;
        this.x[size] = x;
        this.average[size] = average;
        this.hash[size] = hash;
        size++;
    }

    long repeatBuyers() {
        return repeatBuyers;
    }

    /** Whether the spends are a sample (more repeat buyers than the bound). */
    boolean sampled() {
        return repeatBuyers > most;
    }

    /** The spends kept, in key order, at most {@code most} (a sample may come out a little larger than its bound). */
    SpendColumns spends() {
        if (sampled()) {
            prune();
        }
        int[] order = KeyOrder.of(keys, size);
        int kept = Math.min(size, most);
        SpendColumns.Builder spends = new SpendColumns.Builder(Math.max(16, kept));
        for (int i = 0; i < kept; i++) {
            spends.add(x[order[i]], average[order[i]]);
        }
        return spends.build();
    }

    /** The hash a buyer must be below to stay, given the repeat buyers counted so far (more than the bound). */
    private long threshold() {
        return JdbcPurchaseHistories.threshold(margin * most / repeatBuyers);
    }

    private void prune() {
        long below = threshold();
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (hash[i] < below) {
                keys[kept] = keys[i];
                x[kept] = x[i];
                average[kept] = average[i];
                hash[kept] = hash[i];
                kept++;
            }
        }
        size = kept;
    }
}
