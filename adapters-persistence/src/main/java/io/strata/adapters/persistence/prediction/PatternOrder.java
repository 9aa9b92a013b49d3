package io.strata.adapters.persistence.prediction;

import io.strata.domain.prediction.PatternColumns;
import io.strata.domain.prediction.PatternForecast;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Patterns (x, t_x and T in days, buyers) read in any order, given to the fit ordered by x, then t_x, then T: the
 * order {@code order by x, recency_days, age_days} gave, to the last bit, without PostgreSQL sorting the groups. The
 * patterns are distinct; each packs into one long with its position, each value in as many bits as the largest needs,
 * and the longs are sorted as primitives (since session 36). When they do not fit, each pattern packs into one long
 * (21 bits a value: days up to 5,700 years), sorted, each pattern's buyers found again by a binary search; values out of
 * that range (none a buyer can have) are sorted by a comparator instead.
 */
final class PatternOrder {

    private static final int BITS = 21;
    private static final int LIMIT = 1 << BITS;

    private PatternOrder() {
    }

    /** Collects patterns as they come; arrays grow by half as they fill. */
    static final class Builder {
        private int[] x;
        private int[] recency;
        private int[] age;
        private long[] buyers;
        private int size;

        Builder(int capacity) {
            x = new int[Math.max(16, capacity)];
            recency = new int[x.length];
            age = new int[x.length];
            buyers = new long[x.length];
        }

        int size() {
            return size;
        }

        /** One more buyer with the pattern added as number {@code i}. */
        void countBuyer(int i) {
            buyers[i]++;
        }

        void add(int x, int recencyDays, int ageDays, long buyers) {
            if (size == this.x.length) {
                int capacity = size + Math.max(16, size / 2);
                this.x = Arrays.copyOf(this.x, capacity);
                recency = Arrays.copyOf(recency, capacity);
                age = Arrays.copyOf(age, capacity);
                this.buyers = Arrays.copyOf(this.buyers, capacity);
            }
            this.x[size] = x;
            recency[size] = recencyDays;
            age[size] = ageDays;
            this.buyers[size] = buyers;
            size++;
        }

        /** The patterns in weeks, ordered by x, t_x and T. */
        PatternColumns.Builder inOrder() {
            int[] order = order();
            PatternColumns.Builder patterns = new PatternColumns.Builder(Math.max(16, size));
            for (int i : order) {
                patterns.add(x[i], PatternForecast.weeks(recency[i]), PatternForecast.weeks(age[i]), buyers[i]);
            }
            return patterns;
        }

        int[] order() {
            int[] order = new int[size];
            boolean packable = true;
            int maxX = 0;
            int maxRecency = 0;
            int maxAge = 0;
            for (int i = 0; i < size && packable; i++) {
                packable = x[i] >= 0 && x[i] < LIMIT && recency[i] >= 0 && recency[i] < LIMIT && age[i] >= 0 && age[i] < LIMIT;
                maxX = Math.max(maxX, x[i]);
                maxRecency = Math.max(maxRecency, recency[i]);
                maxAge = Math.max(maxAge, age[i]);
            }
            int ageBits = bits(maxAge);
            int recencyBits = bits(maxRecency);
            int positionBits = bits(size - 1);
            if (packable && bits(maxX) + recencyBits + ageBits + positionBits <= 63) {
                // each pattern and its position in one long, as narrow as the largest values need (a million buyers:
                // x, t_x and T in 6, 10 and 10 bits), sorted once: no search to find each pattern's place again
                long[] packed = new long[size];
                for (int i = 0; i < size; i++) {
                    packed[i] = (((long) x[i] << recencyBits | recency[i]) << ageBits | age[i]) << positionBits | i;
                }
                Arrays.sort(packed);
                long mask = (1L << positionBits) - 1;
                for (int i = 0; i < size; i++) {
                    order[i] = (int) (packed[i] & mask);
                }
                return order;
            }
            if (packable) {
                long[] packed = new long[size];
                for (int i = 0; i < size; i++) {
                    packed[i] = pack(i);
                }
                long[] sorted = packed.clone();
                Arrays.sort(sorted);
                for (int i = 0; i < size; i++) {
                    order[Arrays.binarySearch(sorted, packed[i])] = i;
                }
                return order;
            }
            Integer[] boxed = new Integer[size];
            for (int i = 0; i < size; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, Comparator.<Integer>comparingInt(i -> x[i]).thenComparingInt(i -> recency[i]).thenComparingInt(i -> age[i]));
            for (int i = 0; i < size; i++) {
                order[i] = boxed[i];
            }
            return order;
        }

        /** The bits a non-negative value needs (0 for 0). */
        private static int bits(int value) {
            return value <= 0 ? 0 : 32 - Integer.numberOfLeadingZeros(value);
        }

        private long pack(int i) {
            return (long) x[i] << (2 * BITS) | (long) recency[i] << BITS | age[i];
        }
    }
}
