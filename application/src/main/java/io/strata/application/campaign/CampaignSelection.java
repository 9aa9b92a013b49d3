package io.strata.application.campaign;

import java.util.Objects;

/**
 * Which campaigns a list shows. The store selects and orders them itself (newest first, by id) and answers a page of
 * them, so a list costs what it shows, not what three years of campaigns add up to (session 51).
 */
public sealed interface CampaignSelection {

    /** Every campaign. */
    static CampaignSelection every() {
        return new Every();
    }

    /** The campaigns whose target is this general segment. */
    static CampaignSelection targeting(String segmentKey) {
        return new Targeting(segmentKey);
    }

    /** The campaigns whose target or one of whose action lists is this tactical segment. */
    static CampaignSelection using(long tacticalSegmentId) {
        return new Using(tacticalSegmentId);
    }

    /** The campaigns whose name contains this text, whatever its case. */
    static CampaignSelection named(String fragment) {
        return new Named(fragment);
    }

    record Every() implements CampaignSelection {
    }

    record Targeting(String segmentKey) implements CampaignSelection {
        public Targeting {
            Objects.requireNonNull(segmentKey);
        }
    }

    record Using(long tacticalSegmentId) implements CampaignSelection {
    }

    record Named(String fragment) implements CampaignSelection {
        public Named {
            Objects.requireNonNull(fragment);
        }
    }

}
