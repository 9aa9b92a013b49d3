package io.strata.adapters.persistence.campaign;

import io.strata.adapters.persistence.database.DatabaseReach;
import io.strata.application.campaign.port.out.OutboxReach;
import org.springframework.stereotype.Component;

/**
 * The relay's reach of the database, told by the driver's words as the other parts' are ({@link DatabaseReach}): one WARN
 * line when a relay pass first stops because the database is out of reach, one INFO line when a pass goes through
 * again. Before, every relay pass that met the database away logged an ERROR with Spring's stack trace ("dispatching
 * campaign 2 stopped: Failed to obtain JDBC Connection").
 */
@Component
public class RelayDatabaseReach implements OutboxReach {

    private final DatabaseReach reach = new DatabaseReach("The relay of campaign deliveries to their webhooks",
            "at the next look at the clock or dispatch, and the deliveries wait in the outbox meanwhile");

    @Override
    public boolean failed(RuntimeException failure) {
        return reach.failed(failure);
    }

    @Override
    public void worked() {
        reach.worked();
    }
}
