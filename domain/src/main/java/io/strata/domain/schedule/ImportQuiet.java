package io.strata.domain.schedule;

import java.time.Instant;
import java.util.Optional;

/** What the orders and events imports are doing: when the latest completed one finished, and whether one is running now. */
public record ImportQuiet(Optional<Instant> latestFinished, boolean running) {

    public static final ImportQuiet NONE = new ImportQuiet(Optional.empty(), false);

    public ImportQuiet {
        latestFinished = latestFinished == null ? Optional.empty() : latestFinished;
    }
}
