package io.strata.application.audit;

import java.util.List;

/** One page of matching events, newest first, with how many match in all. */
public record AuditPage(List<AuditEvent> events, int page, int size, long total) {

    public AuditPage {
        events = List.copyOf(events);
    }
}
