package io.strata.application.customer;

import java.time.Instant;
import java.util.Map;

public record EventView(String type, Instant occurredAt, Map<String, String> properties) {
}
