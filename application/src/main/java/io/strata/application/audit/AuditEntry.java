package io.strata.application.audit;

import io.strata.application.audit.port.out.AuditTrail;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One fact for the audit trail: who did what to which subject, with the subject's definition before and after where
 * it has one (as {@link AuditSnapshot}s). Entries name subjects by id; they never carry personal data.
 *
 * <p>Other use cases record through {@link AuditTrail#record(AuditEntry)}, e.g.
 * {@code AuditEntry.of(actor, AuditAction.ACTIVATED, "segmentation", id).withBefore(old).withAfter(new)}.
 */
public record AuditEntry(String actor, AuditAction action, String subjectType, String subjectId, AuditSnapshot before, AuditSnapshot after, String detail) {

    private static final Pattern SUBJECT_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    public AuditEntry {
        Objects.requireNonNull(action, "an audit entry needs an action");
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("an audit entry needs the actor who made the change");
        }
        if (subjectType == null || !SUBJECT_TYPE.matcher(subjectType).matches()) {
            throw new IllegalArgumentException("an audit subject type is lowercase snake case, like 'api_token'; got '" + subjectType + "'");
        }
        if (subjectId == null || subjectId.isBlank()) {
            throw new IllegalArgumentException("an audit entry needs the id of its subject");
        }
    }

    public static AuditEntry of(String actor, AuditAction action, String subjectType, String subjectId) {
        return new AuditEntry(actor, action, subjectType, subjectId, null, null, null);
    }

    public AuditEntry withBefore(AuditSnapshot snapshot) {
        return new AuditEntry(actor, action, subjectType, subjectId, snapshot, after, detail);
    }

    public AuditEntry withAfter(AuditSnapshot snapshot) {
        return new AuditEntry(actor, action, subjectType, subjectId, before, snapshot, detail);
    }

    public AuditEntry withDetail(String text) {
        return new AuditEntry(actor, action, subjectType, subjectId, before, after, text);
    }
}
