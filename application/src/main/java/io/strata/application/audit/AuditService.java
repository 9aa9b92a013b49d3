package io.strata.application.audit;

import io.strata.application.audit.port.in.BrowseAuditTrail;
import io.strata.application.audit.port.out.AuditTrail;

public final class AuditService implements BrowseAuditTrail {

    private final AuditTrail trail;

    public AuditService(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public AuditPage search(AuditQuery query) {
        return trail.find(query);
    }

    @Override
    public AuditSlice searchBefore(AuditQuery query, Long beforeId) {
        return trail.findBefore(query, beforeId);
    }
}
