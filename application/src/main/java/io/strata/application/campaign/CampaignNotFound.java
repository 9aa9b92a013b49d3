package io.strata.application.campaign;

public class CampaignNotFound extends RuntimeException {

    public CampaignNotFound(long id) {
        super("there is no campaign " + id + "; the campaigns list shows every campaign and its id");
    }
}
