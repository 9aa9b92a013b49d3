package io.strata.bootstrap.wiring;

import io.strata.adapters.persistence.database.DatabaseReach;
import io.strata.bootstrap.outage.OutageTraces;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * While the database is out of reach, one line when a part working on its own first fails to reach it and one when it
 * works again, not a stack trace each time (docs/architecture.md, "When the database goes away").
 */
@Configuration(proxyBeanMethods = false)
public class OutageLogging {

    /** The scheduler's: db-scheduler's polling and the look at the clock ({@code DueWorkScheduler}). */
    @Bean
    DatabaseReach schedulerReach() {
        return new DatabaseReach("The scheduler (db-scheduler, the look at the clock strata-due-work)", "at its next poll");
    }

    @Bean
    OutageTraces outageTraces(DatabaseReach schedulerReach) {
        return new OutageTraces(schedulerReach);
    }
}
