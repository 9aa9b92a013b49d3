package io.strata.application.audit;

import io.strata.application.audit.port.out.AuditTrail;
import io.strata.domain.edit.Revision;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The check of an edit against the revision its editor read. Called inside the edit's unit of work, after the thing
 * edited is read and held (locked) there, so that no other change can come between the check and the write: of two
 * edits sent with the same revision, the second waits for the first and then fails this check.
 */
public final class EditCheck {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final AuditTrail audit;

    public EditCheck(AuditTrail audit) {
        this.audit = audit;
    }

    /**
     * Passes when {@code seen} is null (the editor sent no revision: the change is saved whatever happened meanwhile,
     * as before revisions existed) or holds {@code now}; otherwise throws {@link EditedMeanwhile} naming the latest
     * audited change of the subject. An empty list matches nothing.
     */
    public void require(List<Revision> seen, Revision now, String what, String subjectType, String subjectId) {
        if (seen == null || seen.contains(now)) {
            return;
        }
        List<AuditEvent> latest = audit.find(new AuditQuery(null, null, subjectType, subjectId, null, null, 0, 1)).events();
        AuditEvent last = latest.isEmpty() ? null : latest.get(0);
        throw new EditedMeanwhile(what, subjectType, subjectId, now, last == null ? null : last.actor(), last == null ? null : last.occurredAt());
    }

    /** The latest audited change of a subject, if the trail has one. */
    public Optional<AuditEvent> latest(String subjectType, String subjectId) {
        List<AuditEvent> latest = audit.find(new AuditQuery(null, null, subjectType, subjectId, null, null, 0, 1)).events();
        return latest.isEmpty() ? Optional.empty() : Optional.of(latest.get(0));
    }

    /** A time as the edit messages say it: to the minute, in UTC. */
    public static String minute(Instant at) {
        return at == null ? "an unknown time" : MINUTE.format(at);
    }
}
