package io.strata.application.campaign;

import io.strata.application.campaign.port.out.Campaigns;
import io.strata.domain.campaign.Action;
import io.strata.domain.campaign.Campaign;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.CampaignState;
import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.Target;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Campaigns as the campaigns port finds them for a log line: a draft of each name given; every look-up fails while
 * {@code unreadable} is set (the database away). Nothing else is asked of it by the classes that name campaigns.
 */
public final class NamedCampaigns implements Campaigns {

    public final Map<Long, String> names = new HashMap<>();
    public RuntimeException unreadable;

    public NamedCampaigns(Map<Long, String> names) {
        this.names.putAll(names);
    }

    @Override
    public Optional<StoredCampaign> find(long id) {
        if (unreadable != null) {
            throw unreadable;
        }
        return Optional.ofNullable(names.get(id)).map(name -> new StoredCampaign(Campaign.draft(id, new CampaignPlan(name, null,
                Target.segment("at_risk"), List.of(new Action.Message(Channel.EMAIL, "template:winback-1")), null, null, null, null)),
                Instant.EPOCH));
    }

    @Override
    public long add(CampaignPlan plan) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<StoredCampaign> lockForChange(long id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StoredCampaign> newest(CampaignSelection selection, Long before, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Map<String, Long> countsByTarget() {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean update(Campaign next, CampaignState expected) {
        throw new UnsupportedOperationException();
    }
}
