package io.strata.application.audit;

import java.time.Instant;

/** Filters on the trail, each optional, newest first, one page at a time. */
public record AuditQuery(String actor, AuditAction action, String subjectType, String subjectId, Instant from, Instant to,
                         int page, int size) {

    public static final int MAX_PAGE_SIZE = 500;

    public AuditQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page starts at 0; got " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size is between 1 and " + MAX_PAGE_SIZE + "; got " + size);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        actor = blankToNull(actor);
        subjectType = blankToNull(subjectType);
        subjectId = blankToNull(subjectId);
    }

    public static AuditQuery all(int page, int size) {
        return new AuditQuery(null, null, null, null, null, null, page, size);
    }

    public long offset() {
        return (long) page * size;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
