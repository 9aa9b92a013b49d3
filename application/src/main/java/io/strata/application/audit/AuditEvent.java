package io.strata.application.audit;

import java.time.Instant;

/** An entry as stored: numbered and stamped with the time it was recorded. */
public record AuditEvent(long id, Instant occurredAt, AuditEntry entry) {
}
