package io.strata.adapters.persistence.database;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.function.Supplier;

/** The priority of the PostgreSQL backend doing a thread's statements: lowered with the thread ({@link ProcessPriority}). */
public interface BackendPriority {

    /**
     * Runs {@code work} (statements on {@code jdbc}'s connection, inside a transaction, so that they share one
     * backend) with that backend at the calling thread's lowered priority, if it was lowered; the backend gets its own
     * back before the answer, since its connection returns to the pool.
     */
    <T> T lowerBackendFor(JdbcClient jdbc, Supplier<T> work);

    /** Every backend at the priority it has. */
    BackendPriority UNCHANGED = new BackendPriority() {
        @Override
        public <T> T lowerBackendFor(JdbcClient jdbc, Supplier<T> work) {
            return work.get();
        }
    };
}
