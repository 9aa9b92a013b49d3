package io.strata.adapters.web.problem;

import io.strata.application.imports.UnreadableInput;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every API error is application/problem+json with a detail a person can act on (RFC 9457). */
@RestControllerAdvice
public class ApiProblems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(UnreadableInput.class)
    ResponseEntity<ProblemDetail> unreadable(UnreadableInput e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("The body cannot be read");
        problem.setProperty("line", e.line());
        problem.setProperty("column", e.column());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(io.strata.adapters.web.imports.PayloadTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setTitle("The body is too large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
    }

    @ExceptionHandler(io.strata.application.segmentation.SegmentationNotFound.class)
    ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler(io.strata.application.segmentation.RunInProgress.class)
    ResponseEntity<ProblemDetail> runInProgress(io.strata.application.segmentation.RunInProgress e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("A run is in progress");
        problem.setProperty("runningRunId", e.runningRunId());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(io.strata.application.segmentation.SegmentationConflict.class)
    ResponseEntity<ProblemDetail> conflict(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Not possible in the current state");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(io.strata.domain.rule.RuleSyntaxError.class)
    ResponseEntity<ProblemDetail> ruleSyntax(io.strata.domain.rule.RuleSyntaxError e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("The rule does not parse");
        problem.setProperty("line", e.line());
        problem.setProperty("column", e.column());
        problem.setProperty("position", e.position().offset());
        problem.setProperty("expected", e.expected());
        problem.setProperty("found", e.found());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(io.strata.domain.rule.RuleValidationError.class)
    ResponseEntity<ProblemDetail> ruleInvalid(io.strata.domain.rule.RuleValidationError e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("The rule names something it cannot use");
        problem.setProperty("problems", e.problems().stream().map(p -> {
            java.util.Map<String, Object> item = new java.util.LinkedHashMap<>();
            p.at().ifPresent(at -> {
                item.put("line", at.line());
                item.put("column", at.column());
                item.put("position", at.offset());
            });
            item.put("message", p.message());
            return item;
        }).toList());
        firstPosition(problem, e);
        return ResponseEntity.badRequest().body(problem);
    }

    private static void firstPosition(ProblemDetail problem, io.strata.domain.rule.RuleValidationError e) {
        e.problems().stream().findFirst().flatMap(io.strata.domain.rule.RuleProblem::at).ifPresent(at -> {
            problem.setProperty("line", at.line());
            problem.setProperty("column", at.column());
            problem.setProperty("position", at.offset());
        });
    }

    @ExceptionHandler(io.strata.application.tactical.TacticalSegmentNotFound.class)
    ResponseEntity<ProblemDetail> tacticalNotFound(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(io.strata.domain.campaign.InvalidCampaign.class)
    ResponseEntity<ProblemDetail> invalidCampaign(io.strata.domain.campaign.InvalidCampaign e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid campaign");
        problem.setProperty("field", e.field());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(io.strata.application.campaign.CampaignNotFound.class)
    ResponseEntity<ProblemDetail> campaignNotFound(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler(io.strata.domain.campaign.IllegalTransition.class)
    ResponseEntity<ProblemDetail> illegalTransition(io.strata.domain.campaign.IllegalTransition e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Not possible in the campaign's current state");
        problem.setProperty("campaignId", e.campaignId());
        problem.setProperty("currentState", e.current().name());
        problem.setProperty("attempted", e.attempted().key());
        problem.setProperty("allowedTransitions", e.allowed().stream().map(io.strata.domain.campaign.Transition::key).toList());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(io.strata.application.campaign.CampaignConflict.class)
    ResponseEntity<ProblemDetail> campaignConflict(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Not possible yet");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}
