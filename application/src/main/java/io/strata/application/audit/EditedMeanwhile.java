package io.strata.application.audit;

import io.strata.domain.edit.Revision;

import java.time.Instant;
import java.util.Optional;

/**
 * A change sent with the revision its editor read, refused because what is stored changed since: saving it would have
 * overwritten someone else's change unseen. Names who changed it and when, as far as the audit trail knows, and the
 * revision stored now, so the editor can read it again and re-apply the change.
 */
public class EditedMeanwhile extends RuntimeException {

    private final String subjectType;
    private final String subjectId;
    private final Revision current;
    private final String changedBy;
    private final Instant changedAt;
    private final String newerId;

    public EditedMeanwhile(String what, String subjectType, String subjectId, Revision current, String changedBy, Instant changedAt) {
        this(what + " was changed after you read it" + (changedBy == null ? "" : ", by " + changedBy + " at " + EditCheck.minute(changedAt))
                + ". Your changes were not saved, so as not to overwrite that change unseen: read it again, re-apply your changes"
                + " to what is stored now, and save again.", subjectType, subjectId, current, changedBy, changedAt, null);
    }

    private EditedMeanwhile(String message, String subjectType, String subjectId, Revision current, String changedBy, Instant changedAt,
                            String newerId) {
        super(message);
        this.subjectType = subjectType;
        this.subjectId = subjectId;
        this.current = current;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
        this.newerId = newerId;
    }

    /**
     * A change of a version after a newer version was made from it (an edit of a segmentation in use makes a new one): it
     * would make another version, without that one's change. Names the newest version of the line, {@code newerId}, and
     * who made the version made from this one and when.
     */
    public static EditedMeanwhile newerVersion(String what, String subjectType, String subjectId, Revision current, String newerWhat,
                                               String newerId, String changedBy, Instant changedAt) {
        return new EditedMeanwhile(what + " was changed after you read it: " + newerWhat + " was made from it"
                + (changedBy == null ? "" : ", by " + changedBy + " at " + EditCheck.minute(changedAt)) + ". Your changes were not saved,"
                + " so as not to make a version without that change: open " + newerWhat + ", re-apply your changes to it, and save again.",
                subjectType, subjectId, current, changedBy, changedAt, newerId);
    }

    public String subjectType() {
        return subjectType;
    }

    public String subjectId() {
        return subjectId;
    }

    /** The revision stored now. */
    public Revision current() {
        return current;
    }

    /** Who made the latest audited change of it, when the trail has one. */
    public Optional<String> changedBy() {
        return Optional.ofNullable(changedBy);
    }

    public Optional<Instant> changedAt() {
        return Optional.ofNullable(changedAt);
    }

    /** The id of the newest version of the subject's line, when the change was refused because one was made from it. */
    public Optional<String> newerId() {
        return Optional.ofNullable(newerId);
    }
}
