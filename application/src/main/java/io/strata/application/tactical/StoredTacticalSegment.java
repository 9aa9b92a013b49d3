package io.strata.application.tactical;

import io.strata.domain.tactical.TacticalSegment;

import java.time.Instant;

/**
 * A tactical segment as kept. {@code membersAtSave} and {@code parentCustomersAtSave} are the live count when it was
 * saved (null when no run had completed then), shown until a run computes its members.
 */
public record StoredTacticalSegment(long id, TacticalSegment segment, Instant createdAt, Long membersAtSave, Long parentCustomersAtSave) {

    public StoredTacticalSegment(long id, TacticalSegment segment, Instant createdAt) {
        this(id, segment, createdAt, null, null);
    }
}
