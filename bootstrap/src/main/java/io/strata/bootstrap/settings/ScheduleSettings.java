package io.strata.bootstrap.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code strata.schedules.*} (STRATA_SCHEDULES_*), what Strata does by itself (docs/segmentation.md#schedules): while
 * {@code enabled}, every node looks at the clock every {@code checkEvery} (one node at a time, through db-scheduler's
 * table) for owed runs and due launches; {@code pollingInterval} is how often a node asks db-scheduler's table for work.
 */
@ConfigurationProperties("strata.schedules")
public record ScheduleSettings(@DefaultValue("true") boolean enabled, @DefaultValue("PT1M") Duration checkEvery,
                               @DefaultValue("PT10S") Duration pollingInterval) {

    public ScheduleSettings {
        if (checkEvery.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("strata.schedules.check-every is " + checkEvery + "; give at least PT1S");
        }
        if (pollingInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("strata.schedules.polling-interval is " + pollingInterval + "; give at least PT1S");
        }
    }
}
