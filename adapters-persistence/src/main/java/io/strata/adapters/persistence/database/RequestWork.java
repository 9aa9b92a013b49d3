package io.strata.adapters.persistence.database;

/**
 * Whether the current thread serves a user's request (a page, an API call), whose waits on the database are bounded:
 * {@link StrataPool} gives its connections {@link DatabaseBounds#lockWait()} as PostgreSQL's lock_timeout and
 * {@link DatabaseBounds#requestReadTimeout()} as the network timeout. Set by the outermost web filter around each request
 * but an import's; runs, imports and the scheduler work unbounded on threads of their own.
 */
public final class RequestWork {

    private static final ThreadLocal<Boolean> SERVING = new ThreadLocal<>();

    private RequestWork() {
    }

    /** Marks the current thread as serving a request until the answer is closed. */
    public static Scope serving() {
        Boolean before = SERVING.get();
        SERVING.set(Boolean.TRUE);
        return () -> {
            if (before == null) {
                SERVING.remove();
            } else {
                SERVING.set(before);
            }
        };
    }

    static boolean active() {
        return SERVING.get() != null;
    }

    /** The time of a request's serving. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
