package io.strata.application.erasure;

import io.strata.domain.customer.CustomerId;

import java.util.Map;
import java.util.TreeMap;

/** What an erasure removed: rows per table, so an admin can show it was complete. */
public record Erasure(CustomerId customerId, Map<String, Long> rowsByTable) {

    public Erasure {
        rowsByTable = java.util.Collections.unmodifiableMap(new TreeMap<>(rowsByTable));
    }

    public long rows() {
        return rowsByTable.values().stream().mapToLong(Long::longValue).sum();
    }
}
