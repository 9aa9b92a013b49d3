package io.strata.adapters.web.admin;

import io.strata.application.erasure.UnknownCustomer;
import io.strata.application.security.RefusedChange;
import io.strata.application.security.UnknownToken;
import io.strata.application.security.UnknownUser;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The administration API's own refusals as application/problem+json; bad input is a 400 from the common handler. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AdminProblems {

    @ExceptionHandler(UnknownCustomer.class)
    ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
        return notFound(e, null);
    }

    /** The message says what to do in product words; {@code fix} says where that is in the API. */
    @ExceptionHandler(UnknownToken.class)
    ResponseEntity<ProblemDetail> unknownToken(UnknownToken e) {
        return notFound(e, "GET /api/v1/tokens lists them");
    }

    @ExceptionHandler(UnknownUser.class)
    ResponseEntity<ProblemDetail> unknownUser(UnknownUser e) {
        return notFound(e, "GET /api/v1/users lists them");
    }

    private static ResponseEntity<ProblemDetail> notFound(RuntimeException e, String fix) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        if (fix != null) {
            problem.setProperty("fix", fix);
        }
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler(RefusedChange.class)
    ResponseEntity<ProblemDetail> conflict(RefusedChange e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Conflict with the stored state");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}
