package io.strata.domain.campaign;

import java.util.Optional;
import java.util.regex.Pattern;

/** Who a campaign addresses: the members of one general segment, optionally narrowed to one tactical segment inside it. */
public record Target(String segmentKey, Long tacticalSegmentId) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public Target {
        if (segmentKey == null || !KEY.matcher(segmentKey).matches()) {
            throw new InvalidCampaign("targetSegment", "targetSegment '" + segmentKey + "' is not a segment key; give the key of a"
                    + " segment of the active general segmentation, e.g. \"at_risk\" (GET /api/v1/action-plan lists them)");
        }
        if (tacticalSegmentId != null && tacticalSegmentId <= 0) {
            throw new InvalidCampaign("tacticalSegmentId", "tacticalSegmentId " + tacticalSegmentId
                    + " is not valid; leave it out to address the whole segment");
        }
    }

    public static Target segment(String segmentKey) {
        return new Target(segmentKey, null);
    }

    public Optional<Long> tacticalSegment() {
        return Optional.ofNullable(tacticalSegmentId);
    }
}
