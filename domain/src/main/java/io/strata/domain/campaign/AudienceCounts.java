package io.strata.domain.campaign;

/**
 * The audience frozen at launch: the target's members in the run, those excluded for lack of consent, those left out
 * because their action's channel had reached its frequency cap, and the eligible rest split into treatment and control.
 */
public record AudienceCounts(long members, long excludedForConsent, long capped, long treatment, long control) {

    public AudienceCounts {
        if (members < 0 || excludedForConsent < 0 || capped < 0 || treatment < 0 || control < 0) {
            throw new IllegalArgumentException("audience counts cannot be negative");
        }
        if (members != excludedForConsent + capped + treatment + control) {
            throw new IllegalArgumentException("the target's " + members + " members must be excluded (" + excludedForConsent
                    + "), capped (" + capped + "), treated (" + treatment + ") or in the control group (" + control + ")");
        }
    }

    /** An audience no frequency cap touched (and every audience frozen before caps existed). */
    public AudienceCounts(long members, long excludedForConsent, long treatment, long control) {
        this(members, excludedForConsent, 0, treatment, control);
    }

    public long eligible() {
        return treatment + control;
    }
}
