package io.strata.domain.segmentation;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A fixed tier: metric values in the half-open range [from, to) go to {@code segmentKey}; a {@code null} bound is
 * unbounded (from −∞, to +∞).
 */
public record Tier(String segmentKey, BigDecimal from, BigDecimal to) {

    public Tier {
        Objects.requireNonNull(segmentKey, "segment key");
        if (from != null && to != null && from.compareTo(to) >= 0) {
            throw new InvalidSegmentation("tier " + segmentKey + " goes from " + plain(from) + " to below " + plain(to)
                    + ", which is empty; 'from' must be smaller than 'to'");
        }
    }

    public static Tier of(String segmentKey, Integer from, Integer to) {
        return new Tier(segmentKey, from == null ? null : BigDecimal.valueOf(from), to == null ? null : BigDecimal.valueOf(to));
    }

    public static Tier of(String segmentKey, String from, String to) {
        return new Tier(segmentKey, from == null ? null : new BigDecimal(from), to == null ? null : new BigDecimal(to));
    }

    public boolean contains(BigDecimal value) {
        return (from == null || value.compareTo(from) >= 0) && (to == null || value.compareTo(to) < 0);
    }

    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
