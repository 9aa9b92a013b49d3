package io.strata.application.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** Out-port: what happened to a launched campaign's audience, computed in the database. */
public interface CampaignOutcomes {

    /** Per group: customers, those with an order with a positive total in [from, to), and the sum of those orders. */
    Conversions conversions(long campaignId, Instant from, Instant to);

    /** The latest completed run of the same segmentation after the frozen run, if any. */
    Optional<Long> laterRun(long frozenRunId);

    /** Per group: members whose general segment in {@code laterRunId} ranks above their segment in {@code frozenRunId}. */
    MovedUp movedUp(long campaignId, long frozenRunId, long laterRunId);

    record GroupConversions(long customers, long converters, BigDecimal revenue) {
    }

    record Conversions(GroupConversions treatment, GroupConversions control) {
    }

    record MovedUp(long treatment, long control) {
    }
}
