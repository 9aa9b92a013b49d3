package io.strata.application.schedule.port.out;

/**
 * Out-port: whether a failure is the store failing for a moment, such that the same work done again a little later
 * very likely goes through: the database out of reach or the connection lost, a session the server ended, work ended to
 * break a deadlock or a serialization conflict, a lock wait that ran out, no connection free in time. A refusal that
 * would come again the same way (a constraint, a table gone, a read-only database) is not passing.
 */
@FunctionalInterface
public interface PassingFailures {

    boolean passes(RuntimeException failure);
}
