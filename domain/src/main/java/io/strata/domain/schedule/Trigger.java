package io.strata.domain.schedule;

/** What started a run: a person (or a client of the API), or one of a schedule's triggers. */
public enum Trigger {
    MANUAL, DAILY, CRON, AFTER_IMPORTS
}
