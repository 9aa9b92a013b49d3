package io.strata.application.segmentation;

/**
 * Something planned inside a segment of a general segmentation: a tactical segment or a campaign. {@code state} is
 * the tactical segment's status or the campaign's state, as stored.
 */
public record PlannedWork(Kind kind, long id, String name, String segmentKey, String state) {

    public enum Kind {
        TACTICAL_SEGMENT, CAMPAIGN
    }
}
