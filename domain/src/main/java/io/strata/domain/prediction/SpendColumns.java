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

    /**
     * The power of two the spends are divided by for Gamma-Gamma's fit: 1 while their mean is under 2^20, else the one
     * that brings it into [1, 2). Gamma-Gamma is a scale family (spends divided by s: p and q the same, v divided by s),
     * but its optimiser refuses parameters beyond e^±20 as a degenerate edge, and v is of the order of q times the mean
     * spend: a base whose purchases are worth 10^8 or more (amounts may reach 10^15, or a currency of small units) was
     * refused as "drifted to a degenerate edge" whatever its spread. A power of two divides every double exactly; a base
     * of ordinary spends is fitted exactly as before.
     */
    double scale() {
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += average[i];
        }
        double mean = size == 0 ? 0 : sum / size;
        return mean < 0x1p20 ? 1 : Math.scalb(1.0, Math.getExponent(mean));
    }

    /** These spends divided by {@code scale} (a power of two, so exactly); the same columns when it is 1. */
    SpendColumns divided(double scale) {
        if (scale == 1) {
            return this;
        }
        double[] divided = new double[size];
        for (int i = 0; i < size; i++) {
            divided[i] = average[i] / scale;
        }
        return new SpendColumns(x, divided, size);
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
