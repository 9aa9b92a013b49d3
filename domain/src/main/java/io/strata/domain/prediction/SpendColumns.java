package io.strata.domain.prediction;

import java.util.Arrays;
import java.util.List;

/**
 * Repeat buyers' spends held column by column in primitive arrays (12 bytes a buyer) rather than as one
 * {@link RepeatSpend} each; {@link #size()} buyers, the arrays may be longer.
 */
public final class SpendColumns {

    private final int[] x;
    private final double[] average;
    private final int size;

    private SpendColumns(int[] x, double[] average, int size) {
        this.x = x;
        this.average = average;
        this.size = size;
    }

    public static SpendColumns of(List<RepeatSpend> spends) {
        Builder builder = new Builder(Math.max(1, spends.size()));
        spends.forEach(s -> builder.add(s.x(), s.averageValue()));
        return builder.build();
    }

    public int size() {
        return size;
    }

    public int x(int i) {
        return x[i];
    }

    public double average(int i) {
        return average[i];
    }

    /** Every k-th buyer, about {@code most} of them; all of them when there are not more. */
    SpendColumns every(int most) {
        if (size <= most) {
            return this;
        }
        int every = (size + most - 1) / most;
        Builder sample = new Builder(most);
        for (int i = 0; i < size; i += every) {
            sample.add(x[i], average[i]);
        }
        return sample.build();
    }

    /** Collects spends into arrays that grow by half as they fill. */
    public static final class Builder {
        private int[] x;
        private double[] average;
        private int size;

        public Builder(int capacity) {
            x = new int[capacity];
            average = new double[capacity];
        }

        /** Checked as {@link RepeatSpend} checks one buyer. */
        public Builder add(int x, double average) {
            if (x < 1 || !(average > 0) || Double.isInfinite(average)) {
                new RepeatSpend(x, average); // throws the spend's own explanation
            }
            if (size == this.x.length) {
                int capacity = size + Math.max(16, size / 2);
                this.x = Arrays.copyOf(this.x, capacity);
                this.average = Arrays.copyOf(this.average, capacity);
            }
            this.x[size] = x;
            this.average[size] = average;
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        public SpendColumns build() {
            return new SpendColumns(x, average, size);
        }
    }
}
