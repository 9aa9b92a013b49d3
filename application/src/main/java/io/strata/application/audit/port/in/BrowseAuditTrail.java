package io.strata.application.audit.port.in;

import io.strata.application.audit.AuditQuery;
import io.strata.application.audit.AuditPage;

/** In-port: who changed what, and when. */
public interface BrowseAuditTrail {

    AuditPage search(AuditQuery query);

    /** Matching entries newest first after the entry {@code beforeId} ({@code null}: the newest), {@code query.size()} at most. */
    io.strata.application.audit.AuditSlice searchBefore(AuditQuery query, Long beforeId);
}
