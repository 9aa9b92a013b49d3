package io.strata.application.tactical;

/** A line of the tactical segment list: the newest version with its size in the latest run, and how many versions there are. */
public record TacticalSegmentLine(TacticalSegmentView newest, long versions) {
}
