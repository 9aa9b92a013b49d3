package io.strata.application.audit;

import io.strata.application.audit.port.out.AuditTrail;

import java.util.List;

/** The use cases' tests' audit trail: what they record lands in the test's list; reading it back is not theirs to do. */
public record ListTrail(List<AuditEntry> entries) implements AuditTrail {

    @Override
    public void record(AuditEntry entry) {
        entries.add(entry);
    }

    @Override
    public AuditPage find(AuditQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AuditSlice findBefore(AuditQuery query, Long beforeId) {
        throw new UnsupportedOperationException();
    }
}
