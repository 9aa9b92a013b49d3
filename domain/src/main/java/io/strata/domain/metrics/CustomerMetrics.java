package io.strata.domain.metrics;

import io.strata.domain.ordering.OrderLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A customer's purchase metrics as of a date D, exactly as the contract defines them: order lines count when
 * ordered before D + 1 day (UTC); an order's total is the sum of its lines; {@code frequency} counts orders
 * with a positive total; {@code monetary} sums every counted line (returns reduce it); {@code recencyDays}
 * is D minus the UTC date of the latest positive order. With frequency 0 there is no recency, average order
 * value, tenure or category count ({@code null}).
 *
 * <p>Derived metrics: {@code avgOrderValue} = monetary / frequency and {@code revenuePerMonth} =
 * monetary / max(1, tenure months of 30 days), both rounded half-up to 4 places; {@code categories} counts
 * the distinct non-empty categories on lines of positive orders; {@code tenureDays} is D minus the date of
 * the first positive order.
 */
public record CustomerMetrics(int frequency, BigDecimal monetary, Integer recencyDays, BigDecimal avgOrderValue,
                              Integer categories, Integer tenureDays, BigDecimal revenuePerMonth) {

    public static final int SCALE = 4;

    public CustomerMetrics {
        Objects.requireNonNull(monetary, "monetary");
        if (frequency < 0) {
            throw new IllegalArgumentException("frequency cannot be negative");
        }
        boolean buyer = frequency > 0;
        if (buyer != (recencyDays != null)) {
            throw new IllegalArgumentException("recency exists exactly when frequency is above 0");
        }
    }

    public boolean hasPurchased() {
        return frequency > 0;
    }

    public static CustomerMetrics none() {
        return new CustomerMetrics(0, BigDecimal.ZERO, null, null, null, null, null);
    }

    /** The reference computation: the SQL engine must give the same numbers for every customer. */
    public static CustomerMetrics asOf(LocalDate asOf, Collection<OrderLine> lines) {
        var end = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, BigDecimal> totals = new HashMap<>();
        Map<String, LocalDate> dates = new HashMap<>();
        BigDecimal monetary = BigDecimal.ZERO;
        for (OrderLine line : lines) {
            if (!line.orderedAt().isBefore(end)) {
                continue;
            }
            monetary = monetary.add(line.amount());
            totals.merge(line.orderId(), line.amount(), BigDecimal::add);
            dates.put(line.orderId(), LocalDate.ofInstant(line.orderedAt(), ZoneOffset.UTC));
        }
        int frequency = 0;
        LocalDate latest = null;
        LocalDate first = null;
        for (var entry : totals.entrySet()) {
            if (entry.getValue().signum() > 0) {
                frequency++;
                LocalDate date = dates.get(entry.getKey());
                latest = latest == null || date.isAfter(latest) ? date : latest;
                first = first == null || date.isBefore(first) ? date : first;
            }
        }
        if (frequency == 0) {
            return new CustomerMetrics(0, monetary, null, null, null, null, null);
        }
        Set<String> categories = new HashSet<>();
        for (OrderLine line : lines) {
            if (line.orderedAt().isBefore(end) && line.category() != null && !line.category().isEmpty()
                    && totals.get(line.orderId()).signum() > 0) {
                categories.add(line.category());
            }
        }
        int tenure = (int) ChronoUnit.DAYS.between(first, asOf);
        BigDecimal aov = monetary.divide(BigDecimal.valueOf(frequency), SCALE, RoundingMode.HALF_UP);
        BigDecimal months = BigDecimal.valueOf(Math.max(1, tenure / 30));
        BigDecimal perMonth = monetary.divide(months, SCALE, RoundingMode.HALF_UP);
        return new CustomerMetrics(frequency, monetary, (int) ChronoUnit.DAYS.between(latest, asOf), aov,
                categories.size(), tenure, perMonth);
    }
}
