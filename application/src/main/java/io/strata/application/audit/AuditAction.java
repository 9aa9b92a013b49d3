package io.strata.application.audit;

/** What was done to a subject. A new kind of change adds its verb here, so the trail stays filterable. */
public enum AuditAction {
    CREATED, CHANGED, ACTIVATED, RAN, LAUNCHED, CANCELLED, RETIRED, ARCHIVED, IMPORTED, REVOKED, ENABLED, DISABLED, ERASED,
    INTERRUPTED,
    /** A scheduled campaign that was not launched at its start, with the reason (issue 17). */
    FLAGGED,
    /** A setting taken away, such as a channel's frequency cap or a webhook destination. */
    REMOVED,
    /**
     * No longer written: entries made before campaign cancels, segmentation retirements and tactical archives had verbs
     * of their own say this. The trail is append-only, so those entries keep it and must still be read and found.
     */
    DEACTIVATED;

    /** Reads an action as given in a query; the message lists the known actions. */
    public static AuditAction parse(String text) {
        for (AuditAction action : values()) {
            if (action.name().equalsIgnoreCase(text.trim())) {
                return action;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not an audit action; use one of " + java.util.Arrays.toString(values()));
    }
}
