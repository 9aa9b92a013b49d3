package io.strata.application.campaign;

/** A request the surroundings do not allow yet: no active segmentation, no completed run, tactical members not computed in it. */
public class CampaignConflict extends RuntimeException {

    public CampaignConflict(String message) {
        super(message);
    }
}
