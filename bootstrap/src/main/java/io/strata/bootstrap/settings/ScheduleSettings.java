package io.strata.bootstrap.settings;

import io.strata.application.settings.DurationRange;
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

    /**
     * From a second (more often only loads the database) to a day: a scheduled run or launch starts up to one beat late,
     * and a longer beat would let a daily schedule skip whole days (a node that should look only rarely, as in tests,
     * sets a day).
     */
    public static final DurationRange CHECK_EVERY = DurationRange.of("strata.schedules.check-every", Duration.ofSeconds(1),
            Duration.ofDays(1), Duration.ofMinutes(1));
    /** From a second to a day: how late a node at most takes up the beat another node did not. */
    public static final DurationRange POLLING_INTERVAL = DurationRange.of("strata.schedules.polling-interval", Duration.ofSeconds(1),
            Duration.ofDays(1), Duration.ofSeconds(10));

    public ScheduleSettings {
        CHECK_EVERY.check(checkEvery);
        POLLING_INTERVAL.check(pollingInterval);
    }
}
