package io.strata.application.tactical;

/**
 * A tactical segment as its list shows it (session 52): its newest version and how many versions it has. A change is
 * saved as a new version and the one before archived, so after years a segment has many rows; it is listed once.
 */
public record VersionedTacticalSegment(StoredTacticalSegment newest, long versions) {
}
