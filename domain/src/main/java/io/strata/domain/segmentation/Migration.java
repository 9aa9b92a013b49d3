package io.strata.domain.segmentation;

import io.strata.domain.customer.CustomerId;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How customers moved between two runs of the same general segmentation. The from × to matrix counts customers
 * present in both runs; customers new in the later run are counted in a separate "new" row by their later segment,
 * customers gone from it in a "gone" column by their earlier segment. Up and down compare segment ranks.
 */
public record Migration(List<String> segmentKeys, Map<String, Map<String, Long>> counts, Map<String, Long> newcomers,
                        Map<String, Long> gone, long movedUp, long movedDown, long stayed) {

    public Migration {
        segmentKeys = List.copyOf(segmentKeys);
        Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
        counts.forEach((from, row) -> rows.put(from, Collections.unmodifiableMap(new LinkedHashMap<>(row))));
        counts = Collections.unmodifiableMap(rows);
        newcomers = Collections.unmodifiableMap(new LinkedHashMap<>(newcomers));
        gone = Collections.unmodifiableMap(new LinkedHashMap<>(gone));
    }

    public static Migration between(GeneralSegmentation segmentation, Collection<Assignment> earlier, Collection<Assignment> later) {
        Map<CustomerId, String> before = byCustomer(segmentation, earlier, "earlier");
        Map<CustomerId, String> after = byCustomer(segmentation, later, "later");
        List<String> keys = segmentation.segmentsByRank().stream().map(Segment::key).toList();
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (String from : keys) {
            Map<String, Long> row = new LinkedHashMap<>();
            keys.forEach(to -> row.put(to, 0L));
            counts.put(from, row);
        }
        Map<String, Long> newcomers = zeros(keys);
        Map<String, Long> gone = zeros(keys);
        long up = 0;
        long down = 0;
        long stayed = 0;
        for (var entry : after.entrySet()) {
            String to = entry.getValue();
            String from = before.get(entry.getKey());
            if (from == null) {
                newcomers.merge(to, 1L, Long::sum);
                continue;
            }
            counts.get(from).merge(to, 1L, Long::sum);
            int change = Integer.compare(segmentation.segmentOf(to).rank(), segmentation.segmentOf(from).rank());
            if (change > 0) {
                up++;
            } else if (change < 0) {
                down++;
            } else {
                stayed++;
            }
        }
        before.forEach((customer, from) -> {
            if (!after.containsKey(customer)) {
                gone.merge(from, 1L, Long::sum);
            }
        });
        return new Migration(keys, counts, newcomers, gone, up, down, stayed);
    }

    /** Customers in {@code from} in the earlier run and in {@code to} in the later one. */
    public long count(String from, String to) {
        return row(from).getOrDefault(check(to), 0L);
    }

    /** Customers of the later run who were not in the earlier one, by their later segment: the "new" row. */
    public long newcomers(String to) {
        return newcomers.get(check(to));
    }

    public long gone(String from) {
        return gone.get(check(from));
    }

    private Map<String, Long> row(String from) {
        return counts.get(check(from));
    }

    private String check(String key) {
        if (!segmentKeys.contains(key)) {
            throw new IllegalArgumentException("no segment '" + key + "'; the segments are " + segmentKeys);
        }
        return key;
    }

    private static Map<String, Long> zeros(List<String> keys) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(key -> map.put(key, 0L));
        return map;
    }

    private static Map<CustomerId, String> byCustomer(GeneralSegmentation segmentation, Collection<Assignment> assignments, String run) {
        for (Assignment assignment : assignments) {
            if (segmentation.segment(assignment.segmentKey()).isEmpty()) {
                throw new IllegalArgumentException("the " + run + " run puts " + assignment.customerId() + " in '"
                        + assignment.segmentKey() + "', which is not a segment of " + segmentation.name());
            }
        }
        try {
            return assignments.stream().collect(Collectors.toMap(Assignment::customerId, Assignment::segmentKey));
        } catch (IllegalStateException duplicate) {
            throw new IllegalArgumentException("the " + run + " run assigns a customer twice: " + duplicate.getMessage());
        }
    }
}
