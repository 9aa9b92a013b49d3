package io.strata.application.audit.port.out;

import java.util.function.Supplier;

/**
 * Out-port: runs a change and its audit entry as one unit of work, so nothing is committed without its trail and
 * no entry describes a change that was rolled back.
 */
public interface Transactions {

    <T> T inOne(Supplier<T> work);

    /**
     * The same, for a unit of work that the database may end to break a deadlock with other work and that can simply
     * be done again (an erasure beside an import adding the customer's events, docs/security.md): done again when
     * ended so, up to three times in all. Work already in a transaction joins it and is not done again.
     */
    default <T> T inOneDoneAgainAfterDeadlock(Supplier<T> work) {
        return inOne(work);
    }
}
