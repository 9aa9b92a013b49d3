package io.strata.application.tactical;

/** A tactical segment with its size in the latest completed run (null before its first run). */
public record TacticalSegmentView(StoredTacticalSegment stored, Long members, Long parentCustomers) {
}
