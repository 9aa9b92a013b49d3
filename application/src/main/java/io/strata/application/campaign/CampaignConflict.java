package io.strata.application.campaign;

/** A request the surroundings do not allow yet: no active segmentation, no completed run, tactical members not computed in it. */
public class CampaignConflict extends RuntimeException {

    private final NextStep nextStep;

    public CampaignConflict(String message) {
        this(message, NextStep.NONE);
    }

    public CampaignConflict(String message, NextStep nextStep) {
        super(message);
        this.nextStep = nextStep;
    }

    public NextStep nextStep() {
        return nextStep;
    }
}
