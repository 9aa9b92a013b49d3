package io.strata.application.campaign.port.out;

import io.strata.application.campaign.GroupMovedUp;
import io.strata.application.campaign.GroupConversions;
import io.strata.application.campaign.AudienceGroup;
import io.strata.domain.campaign.ActionList;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Out-port: what happened to a launched campaign's audience, computed in the database, per action list and group. */
public interface CampaignOutcomes {

    /**
     * Per action list and group with members: customers, those with an order with a positive total in [from, to), and
     * the sum of those orders.
     */
    List<GroupConversions> conversions(long campaignId, Instant from, Instant to);

    /** The latest completed run of the same segmentation after the frozen run, if any. */
    Optional<Long> laterRun(long frozenRunId);

    /**
     * Per action list and group with members: those whose general segment in {@code laterRunId} ranks above their
     * segment in {@code frozenRunId}.
     */
    List<GroupMovedUp> movedUp(long campaignId, long frozenRunId, long laterRunId);

    /** Per group over the whole audience: customers and the sum and sum of squares of each customer's revenue in [from, to). */
    java.util.Map<io.strata.application.campaign.AudienceGroup, io.strata.domain.campaign.IncrementalRevenue.Spread> revenueSpread(
            long campaignId, Instant from, Instant to);

    /** Per UTC day, oldest first, the customers of each group whose first order with a positive total in [from, to) fell on it. */
    List<io.strata.application.campaign.ConversionDay> firstConversionsByDay(long campaignId, Instant from, Instant to);
}
