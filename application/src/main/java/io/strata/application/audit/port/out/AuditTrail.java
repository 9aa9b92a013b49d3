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

    /**
     * The entries matching {@code query}'s filters, newest first (by time, then id), after the entry {@code beforeId} in
     * that order ({@code null}: from the newest; an id no entry has: none), at most {@code query.size()}; its page is
     * not read. Walks the index on time from its place: neither a count nor an offset.
     */
    io.strata.application.audit.AuditSlice findBefore(AuditQuery query, Long beforeId);
}
