package io.strata.bootstrap.busy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.jdbc.core.simple.JdbcClient;
import io.strata.adapters.persistence.database.DatabaseBounds;
import io.strata.adapters.persistence.database.RequestWork;
import javax.sql.DataSource;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The pool's timeout, a database out of reach ({@link DatabaseUnavailable}) and work the database ended to break a
 * deadlock ({@link DatabaseConflict}: no advice answers it, wherever it happens), where no controller advice answers
 * them: in the filters before the controllers (the API token's check, the console's session), on console pages, whose
 * controllers' failures no advice answers and so come out of the dispatcher, and a session the server ended in the
 * middle of an API call (no advice answers that either: it was a 500). Outermost, so every filter's failure passes
 * here; it answers like {@link DatabaseBusyProblems} (API: problem+json) or with the console's page, unless the answer
 * has begun already. It also marks each request but an import's as one whose waits on the database are bounded
 * ({@link RequestWork}: a lock another session holds, {@link DatabaseLocked}; an answer that does not come).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseBusyFilter extends OncePerRequestFilter {

    private final JdbcClient database;
    private final DatabaseBounds bounds;

    public DatabaseBusyFilter(DataSource dataSource, DatabaseBounds bounds) {
        this.database = JdbcClient.create(dataSource);
        this.bounds = bounds;
    }

    /**
     * An import's upload (API or console form) is work Strata accepted, not a short request: its waits are not bounded
     * ({@link RequestWork}); everything else is.
     */
    static boolean anImport(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "POST".equals(request.getMethod()) && (path.startsWith("/api/v1/imports/") || path.equals("/imports"));
    }

    /**
     * A download's rows are read on Spring's async executor, and a failure there comes back on the async dispatch: a
     * download whose database fails before its first byte went out (nothing committed, docs/architecture.md, "A download
     * cut midway") is answered 503 in words here like any request, not 500 "Something failed" by the error page.
     */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            if (anImport(request)) {
                chain.doFilter(request, response);
            } else {
                try (RequestWork.Scope bounded = RequestWork.serving()) {
                    chain.doFilter(request, response);
                }
            }
        } catch (ServletException | IOException | RuntimeException failure) {
            boolean unavailable = DatabaseUnavailable.causedBy(failure);
            boolean locked = !unavailable && DatabaseLocked.causedBy(failure);
            boolean conflict = !unavailable && !locked && DatabaseConflict.causedBy(failure);
            if (!(unavailable || locked || conflict || DatabaseBusy.causedBy(failure)) || response.isCommitted()) {
                throw failure;
            }
            if (locked) {
                DatabaseLocked.Holder holder = DatabaseLocked.holder(failure, database);
                logger.warn("answered 503 to " + request.getMethod() + " " + request.getRequestURI() + ": waited "
                        + bounds.lockWait().toMillis() + " ms for a lock on " + (holder.table() == null ? "its data" : holder.table())
                        + " held by another session" + (holder.pid() == null ? "" : " (process " + holder.pid() + ")"));
                answer(request, response, DatabaseLocked.TITLE, DatabaseLocked.detail(holder, bounds.lockWait().toSeconds()),
                        DatabaseLocked.RETRY_AFTER_SECONDS, "locked");
            } else if (conflict) {
                logger.warn("answered 503 to " + request.getMethod() + " " + request.getRequestURI()
                        + ": the database ended its work to break a deadlock (" + deepest(failure) + ")");
                answer(request, response, DatabaseConflict.TITLE, DatabaseConflict.DETAIL, DatabaseConflict.RETRY_AFTER_SECONDS, "conflict");
            } else if (unavailable) {
                // one line: while the database is away every request lands here, and the cause is the same each time
                logger.warn("answered 503 to " + request.getMethod() + " " + request.getRequestURI() + ": the database is unavailable ("
                        + deepest(failure) + ")");
                answer(request, response, DatabaseUnavailable.TITLE, DatabaseUnavailable.DETAIL, DatabaseUnavailable.RETRY_AFTER_SECONDS, "unavailable");
            } else {
                logger.warn("answered 503 to " + request.getMethod() + " " + request.getRequestURI() + ": no database connection in time", failure);
                answer(request, response, DatabaseBusy.TITLE, DatabaseBusy.DETAIL, DatabaseBusy.RETRY_AFTER_SECONDS, "busy");
            }
        }
    }

    private static void answer(HttpServletRequest request, HttpServletResponse response, String title, String detail, int retryAfterSeconds,
                               String id) throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals("/actuator/health") || path.startsWith("/actuator/health/")) {
            // what the health endpoint says itself when it can run: a balancer's check reads a status, not a page
            UnavailableAnswer.healthDown(response, retryAfterSeconds);
            return;
        }
        UnavailableAnswer.write(request, response, UnavailableAnswer.forMachines(path), title, detail, id, retryAfterSeconds, true);
    }

    /** The innermost cause's message, for the log. */
    private static String deepest(Throwable failure) {
        Throwable deepest = failure;
        for (int i = 0; i < 50 && deepest.getCause() != null && deepest.getCause() != deepest; i++) {
            deepest = deepest.getCause();
        }
        return deepest.getClass().getSimpleName() + ": " + deepest.getMessage();
    }
}
