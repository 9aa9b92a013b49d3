package io.strata.bootstrap.settings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;

/**
 * {@code strata.sessions.*} (STRATA_SESSIONS_*): {@code cleanupCron} is when expired console sessions are deleted, a
 * Spring cron of six fields, seconds first. Checked here, so that a cron Spring cannot read stops the start with one line
 * instead of failing the bean that schedules the clean-up.
 */
@ConfigurationProperties("strata.sessions")
public record SessionSettings(@DefaultValue("0 * * * * *") String cleanupCron) {

    public SessionSettings {
        if (!CronExpression.isValidExpression(cleanupCron)) {
            throw new IllegalArgumentException("strata.sessions.cleanup-cron is '" + cleanupCron + "', which is no cron Strata can read; give"
                    + " six fields, seconds first, such as 0 * * * * * (every minute), or leave it unset for that");
        }
    }
}
