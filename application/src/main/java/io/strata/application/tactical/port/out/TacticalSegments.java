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

    void replace(long id, TacticalSegment segment);

    /** Keeps the live count at save time, shown until a run computes the members. */
    void recordCountAtSave(long id, long members, long parentCustomers);
}
