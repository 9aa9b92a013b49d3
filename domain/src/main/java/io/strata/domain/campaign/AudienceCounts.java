package io.strata.domain.campaign;

/**
 * The audience frozen at launch: the target's members in the run, those excluded for lack of consent, and the
 * eligible rest split into treatment and control.
 */
public record AudienceCounts(long members, long excludedForConsent, long treatment, long control) {

    public AudienceCounts {
        if (members < 0 || excludedForConsent < 0 || treatment < 0 || control < 0) {
            throw new IllegalArgumentException("audience counts cannot be negative");
        }
        if (members != excludedForConsent + treatment + control) {
            throw new IllegalArgumentException("the target's " + members + " members must be excluded (" + excludedForConsent
                    + "), treated (" + treatment + ") or in the control group (" + control + ")");
        }
    }

    public long eligible() {
        return treatment + control;
    }
}
