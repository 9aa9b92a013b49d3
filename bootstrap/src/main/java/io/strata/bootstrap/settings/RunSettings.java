package io.strata.bootstrap.settings;

import io.strata.application.settings.DurationRange;
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

    /** 0 to a week: a run no worker took up for longer blocks its segmentation's next run for no one's benefit. */
    public static final DurationRange UNCLAIMED_GRACE = DurationRange.of("strata.runs.unclaimed-grace", Duration.ZERO, Duration.ofDays(7),
            Duration.ofMinutes(10));

    public RunSettings {
        UNCLAIMED_GRACE.check(unclaimedGrace);
    }
}
