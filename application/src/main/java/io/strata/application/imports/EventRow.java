package io.strata.application.imports;

import java.time.Instant;
import java.util.Map;

/** A validated event as it goes to staging; properties are flat text values. */
public record EventRow(long line, String eventId, String customerId, String eventType, Instant occurredAt,
                       Map<String, String> properties) {
}
