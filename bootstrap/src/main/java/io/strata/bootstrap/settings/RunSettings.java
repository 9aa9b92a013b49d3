package io.strata.bootstrap.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code strata.runs.unclaimed-grace} (STRATA_RUNS_UNCLAIMED_GRACE): how long after its start a RUNNING run that no
 * worker has taken up yet (begun for a Spark job that has not started) is left alone by the sweep at each look at the
 * clock; after it, the run is recorded as FAILED. A run whose worker took it up and then stopped is failed at the next
 * look, whatever this says (docs/scale-out.md).
 */
@ConfigurationProperties("strata.runs")
public record RunSettings(@DefaultValue("PT10M") Duration unclaimedGrace) {

    public RunSettings {
        if (unclaimedGrace.isNegative()) {
            throw new IllegalArgumentException("strata.runs.unclaimed-grace is " + unclaimedGrace + "; give PT0S or more");
        }
    }
}
