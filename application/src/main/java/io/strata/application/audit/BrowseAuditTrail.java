package io.strata.application.audit;

/** In-port: who changed what, and when. */
public interface BrowseAuditTrail {

    AuditPage search(AuditQuery query);
}
