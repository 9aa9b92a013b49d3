package io.strata.bootstrap.busy;

import io.strata.application.imports.ImportFailed;
import io.strata.application.imports.ImportsBusy;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.sql.SQLTransientConnectionException;

/**
 * The API's answers when Strata is too busy: a pool timeout (503; or the database cannot be reached, {@link DatabaseUnavailable},
 * told at once by the pool with an SQLTransientConnectionException too) and an import refused because too many wait (429),
 * both application/problem+json with Retry-After. First in line, because Spring matches a handler against a failure's
 * causes too, advice by advice: a pool timeout wrapped in another exception (an {@link ImportFailed}) is answered here,
 * never by a broader handler of another advice. What no advice answers, {@link DatabaseBusyFilter} does, in the same words.
 */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DatabaseBusyProblems {

    /**
     * {@code thrown} is the failure as thrown (Spring offers it and each of its causes): an import that failed so keeps
     * its own sentence and id, since its record says the same.
     */
    @ExceptionHandler(SQLTransientConnectionException.class)
    ResponseEntity<ProblemDetail> databaseBusy(Exception thrown) {
        ProblemDetail problem;
        if (thrown instanceof ImportFailed failed) {
            problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "The import could not be completed", failed.getMessage());
            problem.setProperty("importId", failed.importId());
        } else if (DatabaseUnavailable.causedBy(thrown)) {
            return respond(problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.TITLE, DatabaseUnavailable.DETAIL),
                    DatabaseUnavailable.RETRY_AFTER_SECONDS);
        } else {
            problem = problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseBusy.TITLE, DatabaseBusy.DETAIL);
        }
        return respond(problem, DatabaseBusy.RETRY_AFTER_SECONDS);
    }

    @ExceptionHandler(ImportsBusy.class)
    ResponseEntity<ProblemDetail> importsBusy(ImportsBusy busy) {
        return respond(problem(HttpStatus.TOO_MANY_REQUESTS, "Too many imports at once", busy.getMessage()), busy.retryAfterSeconds());
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, int retryAfterSeconds) {
        return ResponseEntity.status(problem.getStatus()).header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds)).body(problem);
    }
}
