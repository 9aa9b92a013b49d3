package io.strata.application.campaign.port.out;

/**
 * Out-port: whether the relay reaches the outbox's database, said once each way. A relay pass that stopped because the
 * database is out of reach (stopped, restarting, the connection broken) is no failure of the relay: its deliveries stay
 * in the outbox and the next look at the clock or dispatch relays them. The adapter tells such a failure apart from any
 * other (the persistence adapter knows its driver's words) and says once that the relay cannot reach the database, and
 * once that it does again; any other failure is the relay's to log as the failure it is.
 */
public interface OutboxReach {

    /**
     * Notes a relay pass that stopped on this failure: true if it was the database out of reach (said once until
     * {@link #worked}), false for any other failure, which the caller logs itself.
     */
    boolean failed(RuntimeException failure);

    /** Notes a relay pass that went through: after failures, says once that the relay reaches the database again. */
    void worked();
}
