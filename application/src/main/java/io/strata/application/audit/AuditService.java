package io.strata.application.audit;

public final class AuditService implements BrowseAuditTrail {

    private final AuditTrail trail;

    public AuditService(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public AuditPage search(AuditQuery query) {
        return trail.find(query);
    }
}
