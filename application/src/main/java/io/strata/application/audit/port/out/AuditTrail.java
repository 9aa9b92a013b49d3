package io.strata.application.audit.port.out;

import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.AuditQuery;
import io.strata.application.audit.AuditPage;

/**
 * Out-port: the append-only record of changes. There is no way to change or remove an entry, and the store refuses
 * it too.
 */
public interface AuditTrail {

    void record(AuditEntry entry);

    AuditPage find(AuditQuery query);
}
