package io.strata.application.tactical;

import io.strata.domain.tactical.TacticalSegment;

import java.time.Instant;

public record StoredTacticalSegment(long id, TacticalSegment segment, Instant createdAt) {
}
