package io.strata.application.tactical.port.out;

import io.strata.application.tactical.StoredTacticalSegment;
import io.strata.domain.tactical.TacticalSegment;

import java.util.List;
import java.util.Optional;

/** Out-port: stored tactical segment definitions. */
public interface TacticalSegments {

    long add(TacticalSegment segment);

    Optional<StoredTacticalSegment> find(long id);

    /**
     * Reads the tactical segment and holds its row until the current unit of work ends: a concurrent revision of it waits,
     * then reads what this one left. Only meaningful inside {@link io.strata.application.audit.port.out.Transactions#inOne}.
     */
    Optional<StoredTacticalSegment> lockForChange(long id);

    List<StoredTacticalSegment> all();

    /**
     * The active ones only, in id order: what a run gives members. Archived versions pile up with every revision and
     * archival over the years, and a run has no use for them.
     */
    List<StoredTacticalSegment> active();

    /**
     * The newest version of each tactical segment (session 53), in the order of those versions' ids, only those inside
     * {@code parentSegment} ({@code null}: any): one row per segment, however many versions it has, so a page that offers
     * or finds tactical segments reads no version a revision archived.
     */
    List<StoredTacticalSegment> newestOfEach(String parentSegment);

    /**
     * Every version, in id order (oldest first), from after {@code after} ({@code null}: from the first), at most
     * {@code limit}: one index range, however many come before.
     */
    List<StoredTacticalSegment> page(Long after, int limit);

    /**
     * Each tactical segment once, as its newest version with its count of versions, newest first (by that version's id):
     * those whose newest version's id is below {@code before} ({@code null}: from the newest), at most {@code limit}.
     */
    List<io.strata.application.tactical.VersionedTacticalSegment> newestVersions(Long before, int limit);

    /**
     * The versions of the tactical segment {@code id} is a version of, itself included, newest first: those with an id
     * below {@code before} ({@code null}: from the newest), at most {@code limit}.
     */
    List<StoredTacticalSegment> versions(long id, Long before, int limit);

    /** Records {@code id} as the next version of {@code previousId}'s segment (the same first version). */
    void markVersionOf(long id, long previousId);

    void replace(long id, TacticalSegment segment);

    /** Keeps the live count at save time, shown until a run computes the members. */
    void recordCountAtSave(long id, long members, long parentCustomers);
}
