package io.strata.domain.rule;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The known names closest to a misspelt one (Levenshtein distance), for "did you mean …?" hints. */
final class NearestNames {

    static final int LIMIT = 3;

    private NearestNames() {
    }

    /** Up to three names within distance max(1, min(3, length / 2)), nearest first, then alphabetical. */
    static List<String> to(String name, Collection<String> known) {
        int allowed = Math.max(1, Math.min(3, name.length() / 2));
        return known.stream()
                .map(candidate -> Map.entry(candidate, distance(name, candidate, allowed)))
                .filter(entry -> entry.getValue() <= allowed)
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(LIMIT)
                .map(Map.Entry::getKey)
                .collect(Collectors.toList());
    }

    /** Levenshtein distance, or {@code bound + 1} as soon as it must exceed {@code bound}. */
    static int distance(String a, String b, int bound) {
        if (Math.abs(a.length() - b.length()) > bound) {
            return bound + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > bound) {
                return bound + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
