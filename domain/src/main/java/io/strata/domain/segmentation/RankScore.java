package io.strata.domain.segmentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one formula behind RFM scores and quantile tiers, chosen so that SQL computes it identically:
 * {@code 1 + floor(buckets × (rank − 1) / N)}, where rank is SQL's {@code rank()} over the ordering (1 plus the
 * number of values strictly before; ties share the lowest place) and N is the number of values.
 */
final class RankScore {

    private RankScore() {
    }

    /** Scores for {@code values} in their order; {@code ordering} puts the values that score lowest first. */
    static <T> int[] scores(List<T> values, Comparator<? super T> ordering, int buckets) {
        List<T> sorted = new ArrayList<>(values);
        sorted.sort(ordering);
        long n = values.size();
        int[] scores = new int[values.size()];
        for (int i = 0; i < scores.length; i++) {
            long rank = 1 + strictlyBefore(sorted, values.get(i), ordering);
            scores[i] = (int) (1 + buckets * (rank - 1) / n);
        }
        return scores;
    }

    private static <T> int strictlyBefore(List<T> sorted, T value, Comparator<? super T> ordering) {
        int low = 0;
        int high = sorted.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (ordering.compare(sorted.get(middle), value) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
