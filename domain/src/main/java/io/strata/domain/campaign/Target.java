package io.strata.domain.campaign;

import io.strata.domain.text.PlainText;
import io.strata.domain.tactical.TacticalSegment;

import java.util.Optional;
import java.util.regex.Pattern;

/** Who a campaign addresses: the members of one general segment, optionally narrowed to one tactical segment inside it. */
public record Target(String segmentKey, Long tacticalSegmentId) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public Target {
        if (segmentKey == null || !KEY.matcher(segmentKey).matches()) {
            throw new InvalidCampaign("targetSegment", "targetSegment '" + PlainText.echo(segmentKey) + "' is not a segment key; give the key of a"
                    + " segment of the active general segmentation, e.g. \"at_risk\" (the action plan lists them)");
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

    /** Whether a tactical segment is a sub-group of this target's general segment, so that its members can be in the audience. */
    public boolean contains(TacticalSegment tactical) {
        return tactical.parentSegment().equals(segmentKey);
    }

    /**
     * Refuses a tactical segment a plan names (to narrow the target or to give it its own action) unless it is an
     * active sub-group of this target's segment: tactical segments live inside one general segment, so one of another
     * segment would never have a member in the audience, and an archived one no longer gets members in new runs.
     * {@code field} says where the plan names it; {@code tactical} is the stored segment, empty when there is none.
     */
    public void requireInside(long tacticalSegmentId, Optional<TacticalSegment> tactical, String field) {
        String choose = "choose one of " + segmentKey + "'s tactical segments (the tactical segments list shows the segment each one lies inside)";
        TacticalSegment found = tactical.orElseThrow(() -> new InvalidCampaign(field, "there is no tactical segment " + tacticalSegmentId
                + "; " + choose));
        String named = "tactical segment " + tacticalSegmentId + " '" + found.name() + "'";
        if (!contains(found)) {
            throw new InvalidCampaign(field, named + " lies inside " + found.parentSegment() + ", not inside the target segment "
                    + segmentKey + ", so none of its members can be in this audience; " + choose + ", or target " + found.parentSegment());
        }
        if (!found.isActive()) {
            throw new InvalidCampaign(field, named + " is archived, so runs no longer compute its members; " + choose);
        }
    }
}
