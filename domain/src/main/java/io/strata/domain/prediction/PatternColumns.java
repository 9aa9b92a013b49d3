package io.strata.domain.prediction;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Purchase patterns held column by column in primitive arrays (about 28 bytes a pattern) rather than as one object
 * each: at ten million customers a base shows millions of patterns, and the models only ever sweep over them.
 * {@link #size()} patterns; the arrays may be longer.
 */
public final class PatternColumns {

    private final int[] x;
    private final double[] recency;
    private final double[] age;
    private final long[] buyers;
    private final int size;

    private PatternColumns(int[] x, double[] recency, double[] age, long[] buyers, int size) {
        this.x = x;
        this.recency = recency;
        this.age = age;
        this.buyers = buyers;
        this.size = size;
    }

    public static PatternColumns of(Collection<PurchasePattern> patterns) {
        Builder builder = new Builder(Math.max(1, patterns.size()));
        patterns.forEach(p -> builder.add(p.x(), p.recency(), p.age(), p.buyers()));
        return builder.build();
    }

    public int size() {
        return size;
    }

    public int x(int i) {
        return x[i];
    }

    public double recency(int i) {
        return recency[i];
    }

    public double age(int i) {
        return age[i];
    }

    public long buyers(int i) {
        return buyers[i];
    }

    public PurchasePattern get(int i) {
        return new PurchasePattern(x[i], recency[i], age[i], buyers[i]);
    }

    public long totalBuyers() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += buyers[i];
        }
        return sum;
    }

    public long repeatBuyers() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += x[i] > 0 ? buyers[i] : 0;
        }
        return sum;
    }

    /** The same patterns with times divided by {@code divisor} (days to weeks: 7). */
    public PatternColumns scaled(double divisor) {
        double[] r = new double[size];
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            r[i] = recency[i] / divisor;
            a[i] = age[i] / divisor;
        }
        return new PatternColumns(Arrays.copyOf(x, size), r, a, Arrays.copyOf(buyers, size), size);
    }

    /** Every k-th pattern, about {@code most} of them; all of them when there are not more. */
    PatternColumns every(int most) {
        if (size <= most) {
            return this;
        }
        int every = (size + most - 1) / most;
        Builder sample = new Builder(most);
        for (int i = 0; i < size; i += every) {
            sample.add(x[i], recency[i], age[i], buyers[i]);
        }
        return sample.build();
    }

    public List<PurchasePattern> toList() {
        PurchasePattern[] all = new PurchasePattern[size];
        for (int i = 0; i < size; i++) {
            all[i] = get(i);
        }
        return List.of(all);
    }

    /** Collects patterns into arrays that grow by half as they fill. */
    public static final class Builder {
        private int[] x;
        private double[] recency;
        private double[] age;
        private long[] buyers;
        private int size;

        public Builder(int capacity) {
            x = new int[capacity];
            recency = new double[capacity];
            age = new double[capacity];
            buyers = new long[capacity];
        }

        /** Checked as {@link PurchasePattern} checks one pattern. */
        public Builder add(int x, double recency, double age, long buyers) {
            if (x < 0 || buyers < 1 || !(recency >= 0) || !(age >= recency) || Double.isInfinite(age) || (x == 0 && recency != 0)) {
                new PurchasePattern(x, recency, age, buyers); // throws the pattern's own explanation
            }
            if (size == this.x.length) {
                int capacity = size + Math.max(16, size / 2);
                this.x = Arrays.copyOf(this.x, capacity);
                this.recency = Arrays.copyOf(this.recency, capacity);
                this.age = Arrays.copyOf(this.age, capacity);
                this.buyers = Arrays.copyOf(this.buyers, capacity);
            }
            this.x[size] = x;
            this.recency[size] = recency;
            this.age[size] = age;
            this.buyers[size] = buyers;
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        public PatternColumns build() {
            return new PatternColumns(x, recency, age, buyers, size);
        }
    }
}
