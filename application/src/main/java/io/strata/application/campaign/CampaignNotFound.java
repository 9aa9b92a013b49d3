package io.strata.application.campaign;

public class CampaignNotFound extends RuntimeException {

    public CampaignNotFound(long id) {
        super("there is no campaign " + id + "; GET /api/v1/campaigns lists them");
    }
}
