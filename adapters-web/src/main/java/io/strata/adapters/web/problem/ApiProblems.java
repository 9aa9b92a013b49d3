package io.strata.adapters.web.problem;

import io.strata.application.imports.UnreadableInput;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.resource.NoResourceFoundException;
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
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "The body cannot be read", e.getMessage());
        problem.setProperty("line", e.line());
        problem.setProperty("column", e.column());
        return respond(problem);
    }

    /** An edit sent with the ETag of an older state (If-Match): 412 with who changed it and when, and how to go on. */
    @ExceptionHandler(io.strata.application.audit.EditedMeanwhile.class)
    ResponseEntity<ProblemDetail> editedMeanwhile(io.strata.application.audit.EditedMeanwhile e, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, "Changed since you read it", e.getMessage());
        e.changedBy().ifPresent(actor -> problem.setProperty("changedBy", actor));
        e.changedAt().ifPresent(at -> problem.setProperty("changedAt", at.toString()));
        problem.setProperty("currentETag", EntityTags.of(e.current()));
        if (e.newerId().isPresent()) {
            // a newer version was made from the one edited: the change belongs on the newest one
            String newest = path(request).replaceFirst("/[^/]+$", "/" + e.newerId().get());
            problem.setProperty("newestVersion", newest);
            problem.setProperty("fix", "GET " + newest + " (the newest version), re-apply your changes to what it answers, and send them to it"
                    + " with its ETag in If-Match");
        } else {
            problem.setProperty("fix", "GET " + path(request) + " again, re-apply your changes to what it answers, and send them with its ETag"
                    + " in If-Match");
        }
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .eTag(EntityTags.of(e.current())).body(problem);
    }

    @ExceptionHandler(EntityTags.MalformedIfMatch.class)
    ResponseEntity<ProblemDetail> malformedIfMatch(EntityTags.MalformedIfMatch e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Malformed If-Match", e.getMessage());
        problem.setProperty("header", EntityTags.IF_MATCH);
        return respond(problem);
    }

    @ExceptionHandler(InvalidListLimit.class)
    ResponseEntity<ProblemDetail> invalidLimit(InvalidListLimit e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid list limit", e.getMessage());
        problem.setProperty("parameter", e.parameter());
        problem.setProperty("minimum", 1);
        problem.setProperty("maximum", e.maximum());
        return respond(problem);
    }

    @ExceptionHandler(InvalidListCursor.class)
    ResponseEntity<ProblemDetail> invalidCursor(InvalidListCursor e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid list cursor", e.getMessage()
                + ". Leave it out for the newest items, or follow the Link header (rel=\"next\") of the page before");
        problem.setProperty("parameter", e.parameter());
        return respond(problem);
    }

    /** The database failed, not the file: the detail is the product's sentence with the reference of the logged details. */
    @ExceptionHandler(io.strata.application.imports.ImportFailed.class)
    ResponseEntity<ProblemDetail> importFailed(io.strata.application.imports.ImportFailed e) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "The import could not be completed", e.getMessage());
        problem.setProperty("importId", e.importId());
        return respond(problem);
    }

    @ExceptionHandler(io.strata.adapters.web.imports.PayloadTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(RuntimeException e) {
        ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "The body is too large", e.getMessage());
        return respond(problem);
    }

    /** A charset Java does not know: the body cannot be read as text, so it is refused before a byte of it is read. */
    @ExceptionHandler(io.strata.adapters.web.imports.DeclaredCharset.UnknownCharset.class)
    ResponseEntity<ProblemDetail> unknownCharset(RuntimeException e) {
        ProblemDetail problem = problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported charset", e.getMessage());
        problem.setProperty("fix", "Content-Type: text/csv; charset=UTF-8 (or application/x-ndjson), or a charset such as ISO-8859-1 or windows-1252");
        return respond(problem);
    }

    @ExceptionHandler(io.strata.adapters.web.imports.UnknownImportKind.class)
    ResponseEntity<ProblemDetail> unknownImportKind(io.strata.adapters.web.imports.UnknownImportKind e) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
        problem.setProperty("fix", io.strata.adapters.web.imports.UnknownImportKind.fix());
        return respond(problem);
    }

    @ExceptionHandler(io.strata.application.segmentation.SegmentationNotFound.class)
    ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
        return respond(problem);
    }

    /** A template named in the body: the body's fault, so 400 naming the field and what it may be (a 404 is for the address). */
    @ExceptionHandler(io.strata.application.segmentation.UnknownTemplate.class)
    ResponseEntity<ProblemDetail> unknownTemplate(io.strata.application.segmentation.UnknownTemplate e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid segmentation", e.getMessage());
        problem.setProperty("field", e.field());
        problem.setProperty("knownValues", e.known());
        problem.setProperty("fix", "GET /api/v1/segmentation-templates lists them");
        return respond(problem);
    }

    /**
     * A download beyond the node's cap of downloads under way at once (strata.downloads.at-once): refused before its first
     * byte, 503 with Retry-After, in words (docs/architecture.md, "Downloads at once").
     */
    @ExceptionHandler(io.strata.adapters.web.download.DownloadsBusy.class)
    ResponseEntity<ProblemDetail> downloadsBusy(io.strata.adapters.web.download.DownloadsBusy e) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, io.strata.adapters.web.download.DownloadsBusy.TITLE, e.getMessage());
        problem.setProperty("downloadsUnderWay", e.underWay());
        problem.setProperty("fix", e.fix());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** How long a refused run request is told to wait: a run of a million customers takes about half a minute. */
    static final int RUN_RETRY_AFTER_SECONDS = 30;

    /**
     * One run at a time in the whole database (whichever node, person, script or schedule started it): another request
     * meanwhile is told which one runs, when to ask again and where to look (docs/segmentation.md, "One run at a time").
     */
    @ExceptionHandler(io.strata.application.segmentation.RunInProgress.class)
    ResponseEntity<ProblemDetail> runInProgress(io.strata.application.segmentation.RunInProgress e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "A run is in progress", e.getMessage());
        problem.setProperty("runningRunId", e.runningRunId());
        problem.setProperty("fix", (e.runningRunId() == null ? "GET /api/v1/segmentation-runs?limit=1" : "GET /api/v1/segmentation-runs/" + e.runningRunId())
                + " says when it has finished (status COMPLETED or FAILED); then POST /api/v1/segmentation-runs again");
        return ResponseEntity.status(HttpStatus.CONFLICT).header(org.springframework.http.HttpHeaders.RETRY_AFTER, Integer.toString(RUN_RETRY_AFTER_SECONDS))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The message says what to do in product words; {@code fix} says where that is in the API. */
    @ExceptionHandler(io.strata.application.imports.AnotherEntitysFile.class)
    ResponseEntity<ProblemDetail> anotherEntitysFile(io.strata.application.imports.AnotherEntitysFile e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "The body cannot be read", e.getMessage());
        problem.setProperty("line", e.line());
        problem.setProperty("column", e.column());
        problem.setProperty("fix", "POST /api/v1/imports/" + e.entity().path());
        return respond(problem);
    }

    @ExceptionHandler(io.strata.application.segmentation.NoActiveSegmentation.class)
    ResponseEntity<ProblemDetail> noActiveSegmentation(io.strata.application.segmentation.NoActiveSegmentation e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Not possible in the current state", e.getMessage());
        problem.setProperty("fix", "POST /api/v1/segmentations, then POST /api/v1/segmentations/{id}/activate");
        return respond(problem);
    }

    @ExceptionHandler({io.strata.application.prediction.PredictionsNotReady.class, io.strata.application.segmentation.RunNotCompleted.class})
    ResponseEntity<ProblemDetail> predictionsNotReady(RuntimeException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "The run is not completed", e.getMessage());
        return respond(problem);
    }

    @ExceptionHandler(io.strata.application.segmentation.SegmentationConflict.class)
    ResponseEntity<ProblemDetail> conflict(RuntimeException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Not possible in the current state", e.getMessage());
        return respond(problem);
    }

    @ExceptionHandler(io.strata.domain.rule.RuleSyntaxError.class)
    ResponseEntity<ProblemDetail> ruleSyntax(io.strata.domain.rule.RuleSyntaxError e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "The rule does not parse", e.getMessage());
        problem.setProperty("line", e.line());
        problem.setProperty("column", e.column());
        problem.setProperty("position", e.position().offset());
        problem.setProperty("expected", e.expected());
        problem.setProperty("found", e.found());
        return respond(problem);
    }

    @ExceptionHandler(io.strata.domain.rule.RuleValidationError.class)
    ResponseEntity<ProblemDetail> ruleInvalid(io.strata.domain.rule.RuleValidationError e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "The rule names something it cannot use", e.getMessage());
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
        return respond(problem);
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
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
        return respond(problem);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e, jakarta.servlet.http.HttpServletRequest request) {
        if (RequestProblems.isWildcardContentType(e, request.getContentType())) {
            return respond(RequestProblems.unreadableType(request.getContentType()));
        }
        if (!io.strata.application.incident.Incident.thrownByStrata(e)) {
            // a refusal of the JDK's or a library's ("Invalid UUID string: …", "For input string: …"): not the product's
            // words; it goes to the log with its trace under a reference (session 59: none found reaching here, all
            // inputs being checked by Strata first, but one that did would have been answered in its own words)
            return respond(problem(HttpStatus.BAD_REQUEST, "Invalid request", io.strata.application.incident.Incident.record(
                    "A value of the request could not be used, and Strata cannot say which",
                    "Check the request against the API description (" + RequestProblems.API_DOCS + "); if it is right, give the reference to"
                            + " your administrator.", e).message()));
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
        return respond(problem);
    }

    /**
     * A body sent as multipart/form-data that does not read as such (no boundary, or it breaks off before the closing
     * boundary): Spring reads it before any controller, and it was a 500. The console's import page is the only form that
     * sends multipart; an API call takes none.
     */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<ProblemDetail> unreadableMultipart(org.springframework.web.multipart.MultipartException e,
                                                      jakarta.servlet.http.HttpServletRequest request,
                                                      jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        if (!RequestProblems.isApi(request.getRequestURI())) {
            // marks the failure for the error dispatch, which would otherwise read the body as multipart again and fail on it
            request.setAttribute(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION, e);
            request.setAttribute(ErrorPages.DETAIL, "The upload cannot be read: the form's data has no boundary or breaks off before its end; "
                    + "open the import page again, choose the file and send the form.");
            response.sendError(HttpStatus.BAD_REQUEST.value());
            return null;
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "The body cannot be read", "The body is sent as multipart/form-data, "
                + "which no call of the API takes (and this one cannot be read as such); send JSON with Content-Type: application/json, "
                + "or an import as text/csv or application/x-ndjson (" + RequestProblems.API_DOCS + ").");
        return respond(problem);
    }

    /** One wrong field of a request body, as the answer lists it. */
    record FieldProblem(String field, String message) {
    }

    @ExceptionHandler(io.strata.domain.tactical.InvalidTacticalSegment.class)
    ResponseEntity<ProblemDetail> invalidTacticalSegment(io.strata.domain.tactical.InvalidTacticalSegment e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid tactical segment", e.getMessage());
        problem.setProperty("field", e.field());
        problem.setProperty("problems", e.problems().stream().map(p -> new FieldProblem(p.field(), p.message())).toList());
        return respond(problem);
    }

    /** A definition refused by the domain: its words, and the field when it is one ({@code name}, {@code segments.<key>.description}). */
    @ExceptionHandler(io.strata.domain.segmentation.InvalidSegmentation.class)
    ResponseEntity<ProblemDetail> invalidSegmentation(io.strata.domain.segmentation.InvalidSegmentation e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return respond(problem);
    }

    @ExceptionHandler(io.strata.domain.schedule.InvalidSchedule.class)
    ResponseEntity<ProblemDetail> invalidSchedule(io.strata.domain.schedule.InvalidSchedule e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid schedule", e.getMessage());
        problem.setProperty("field", e.field());
        return respond(problem);
    }

    @ExceptionHandler(io.strata.domain.campaign.InvalidCampaign.class)
    ResponseEntity<ProblemDetail> invalidCampaign(io.strata.domain.campaign.InvalidCampaign e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid campaign", e.getMessage());
        problem.setProperty("field", e.field());
        return respond(problem);
    }

    /** The same answer as {@link #invalidCampaign} for the first wrong field, with every wrong field in {@code problems}. */
    @ExceptionHandler(io.strata.adapters.web.campaign.InvalidCampaignPlan.class)
    ResponseEntity<ProblemDetail> invalidCampaignPlan(io.strata.adapters.web.campaign.InvalidCampaignPlan e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid campaign", e.getMessage());
        problem.setProperty("field", e.field());
        problem.setProperty("problems", e.problems().stream().map(p -> new FieldProblem(p.field(), p.message())).toList());
        return respond(problem);
    }

    @ExceptionHandler(io.strata.domain.campaign.InvalidDeliverySetting.class)
    ResponseEntity<ProblemDetail> invalidDeliverySetting(io.strata.domain.campaign.InvalidDeliverySetting e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid delivery setting", e.getMessage());
        problem.setProperty("field", e.field());
        return respond(problem);
    }

    @ExceptionHandler(io.strata.application.campaign.DestinationNotFound.class)
    ResponseEntity<ProblemDetail> destinationNotFound(RuntimeException e) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
        problem.setProperty("fix", "GET /api/v1/destinations lists them");
        return respond(problem);
    }

    @ExceptionHandler(io.strata.application.campaign.DestinationInUse.class)
    ResponseEntity<ProblemDetail> destinationInUse(RuntimeException e) {
        return respond(problem(HttpStatus.CONFLICT, "Destination in use", e.getMessage()));
    }

    @ExceptionHandler(io.strata.application.campaign.CampaignNotFound.class)
    ResponseEntity<ProblemDetail> campaignNotFound(RuntimeException e) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
        problem.setProperty("fix", "GET /api/v1/campaigns lists them");
        return respond(problem);
    }

    @ExceptionHandler(io.strata.domain.campaign.IllegalTransition.class)
    ResponseEntity<ProblemDetail> illegalTransition(io.strata.domain.campaign.IllegalTransition e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Not possible in the campaign's current state", e.getMessage());
        problem.setProperty("campaignId", e.campaignId());
        problem.setProperty("currentState", e.current().name());
        problem.setProperty("attempted", e.attempted().key());
        problem.setProperty("allowedTransitions", e.allowed().stream().map(io.strata.domain.campaign.Transition::key).toList());
        return respond(problem);
    }

    /** A more specific CampaignConflict: Spring picks the closest handler, so this one answers with where the segment lies. */
    @ExceptionHandler(io.strata.application.campaign.TacticalSegmentOutsideTarget.class)
    ResponseEntity<ProblemDetail> tacticalOutsideTarget(io.strata.application.campaign.TacticalSegmentOutsideTarget e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Tactical segment outside the target", e.getMessage());
        problem.setProperty("tacticalSegmentId", e.tacticalSegmentId());
        problem.setProperty("parentSegment", e.parentSegment());
        problem.setProperty("targetSegment", e.targetSegment());
        fix(problem, e.nextStep());
        return respond(problem);
    }

    @ExceptionHandler(io.strata.application.campaign.CampaignConflict.class)
    ResponseEntity<ProblemDetail> campaignConflict(io.strata.application.campaign.CampaignConflict e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Not possible yet", e.getMessage());
        fix(problem, e.nextStep());
        return respond(problem);
    }

    /** Where a campaign's next step is in the API; the application names the step, never the path. */
    private static void fix(ProblemDetail problem, io.strata.application.campaign.NextStep step) {
        String fix = switch (step) {
            case NONE -> null;
            case ACTIVATE_A_SEGMENTATION -> "POST /api/v1/segmentations, then POST /api/v1/segmentations/{id}/activate";
            case RUN_THE_SEGMENTATION -> "POST /api/v1/segmentation-runs";
            case CHOOSE_A_TACTICAL_SEGMENT_OF_THE_TARGET -> "GET /api/v1/tactical-segments lists each one's parentSegment";
        };
        if (fix != null) {
            problem.setProperty("fix", fix);
        }
    }

    // Requests Spring MVC refuses before a controller runs: the product's words instead of Spring's (RequestProblems,
    // UnreadableJson); a console address gets the console's error page (ErrorPages) instead of JSON.

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, UnreadableJson.problem(e), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, RequestProblems.typeMismatch(e), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e, HttpHeaders headers,
                                                                          HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, RequestProblems.missingParameter(e), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e, HttpHeaders headers,
                                                                     HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, RequestProblems.unsupportedType(e, request.getHeader(HttpHeaders.CONTENT_TYPE)), headers, status, request);
    }

    /** A Content-Type that cannot be parsed at all ({@code *}{@code /*}) reaches here as an IllegalArgumentException, not a 415. */
    @ExceptionHandler(org.springframework.http.InvalidMediaTypeException.class)
    ResponseEntity<ProblemDetail> unreadableContentType(org.springframework.http.InvalidMediaTypeException e) {
        return respond(RequestProblems.unreadableType(e.getMediaType()));
    }

    /** An Accept header that does not parse ({@code foo}, {@code q=bogus}) is the client's mistake in writing it: a 400, not a 406. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException e, HttpHeaders headers,
                                                                      HttpStatusCode status, WebRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (!RequestProblems.isReadableAccept(request.getHeaderValues(HttpHeaders.ACCEPT))) {
            return handleExceptionInternal(e, RequestProblems.unreadableAccept(accept), headers, HttpStatus.BAD_REQUEST, request);
        }
        return handleExceptionInternal(e, RequestProblems.notAcceptable(e), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e, HttpHeaders headers,
                                                                         HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, RequestProblems.methodNotAllowed(e, path(request)), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, RequestProblems.noSuchCall(path(request)), headers, status, request);
    }

    /**
     * Every answer of the handlers above passes here. This advice covers every controller, the console's too: a console
     * address (an unknown page, a method or upload type a page does not take) is sent to the error page, which answers
     * with the console's page rather than JSON.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers, HttpStatusCode statusCode,
                                                             WebRequest request) {
        if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null && !RequestProblems.isApi(path(request))) {
            try {
                servlet.getResponse().sendError(statusCode.value());
                return null;
            } catch (java.io.IOException | IllegalStateException committed) {
                // the answer has begun: nothing else can be sent
                return null;
            }
        }
        // a problem is always problem JSON, whatever the Accept header says: with the type set here Spring writes it without
        // asking Accept, which it drops an error's body for when that header does not parse (an empty 400 or 406 before)
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.putAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return super.handleExceptionInternal(e, body, problemHeaders, statusCode, request);
    }

    private static String path(WebRequest request) {
        return request instanceof ServletWebRequest servlet ? servlet.getRequest().getRequestURI() : "";
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /** Problem JSON whatever the Accept header says (see {@link #handleExceptionInternal}). */
    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
