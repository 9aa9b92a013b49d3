package io.strata.application.tactical;

/** A tactical segment with its size in the latest completed run (null before its first run). */
public record TacticalSegmentView(StoredTacticalSegment stored, Long members, Long parentCustomers) {

    /** Not yet computed by a run: the live count at save time stands in, when there was one. */
    public boolean countedAtSaveOnly() {
        return members == null && stored.membersAtSave() != null;
    }
}
