package io.strata.application.audit.port.in;

import io.strata.application.audit.AuditQuery;
import io.strata.application.audit.AuditPage;

/** In-port: who changed what, and when. */
public interface BrowseAuditTrail {

    AuditPage search(AuditQuery query);
}
