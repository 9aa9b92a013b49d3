package io.strata.application.audit;

import java.util.List;

/**
 * Matching entries newest first, after a place in that order (session 52): {@code events}, and whether more match
 * after the last of them. No total: counting a million matches cost more than the page itself.
 */
public record AuditSlice(List<AuditEvent> events, boolean more) {

    public AuditSlice {
        events = List.copyOf(events);
    }
}
