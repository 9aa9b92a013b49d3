package io.strata.application.audit;

import java.time.Instant;

/**
 * An entry as stored: numbered, stamped with the time it was recorded, and its snapshots as the trail keeps them
 * (JSON text, {@code before} and {@code after} null where the entry had none).
 */
public record AuditEvent(long id, Instant occurredAt, String actor, AuditAction action, String subjectType, String subjectId,
                         String before, String after, String detail) {
}
