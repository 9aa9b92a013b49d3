package io.strata.adapters.web.segmentation;

import io.strata.adapters.web.download.CsvColumn;
import io.strata.adapters.web.download.CsvDownload;
import io.strata.application.segmentation.port.in.RunSegmentation;
import io.strata.application.segmentation.SegmentationNotFound;
import io.strata.application.segmentation.SegmentationRunView;
import io.strata.adapters.web.problem.ListCursor;
import io.strata.adapters.web.problem.ListLimit;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

@RestController
@RequestMapping("/api/v1/segmentation-runs")
@Tag(name = "Segmentation runs", description = "Compute the active general segmentation for every customer")
public class SegmentationRunController {

    static final List<CsvColumn> ASSIGNMENT_HEADER = List.of(CsvColumn.text("customer_id"), CsvColumn.text("segment"), CsvColumn.number("r"),
            CsvColumn.number("f"), CsvColumn.number("m"), CsvColumn.number("recency_days"), CsvColumn.number("frequency"),
            CsvColumn.number("monetary"));

    private final RunSegmentation runs;
    private final Clock clock;

    public SegmentationRunController(RunSegmentation runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Start a run as of a date (default today, UTC): 202 at once, or 200 when done with wait=true",
            description = "One run at a time in the whole database, whoever starts it (a person, a script, the schedule): while one runs,"
                    + " another request is answered 409 naming it (runningRunId), with Retry-After and a fix; nothing is queued.")
    @ApiResponse(responseCode = "202", description = "Started: the run, RUNNING")
    @ApiResponse(responseCode = "200", description = "With wait=true: the run, COMPLETED or FAILED")
    @ApiResponse(responseCode = "409", description = "Another run is running: problem+json with runningRunId and fix",
            headers = @Header(name = "Retry-After", description = "Seconds to wait before asking again (30)"))
    public ResponseEntity<SegmentationBodies.RunBody> start(@RequestBody(required = false) SegmentationBodies.StartRun body,
                                                           @RequestParam(defaultValue = "false") boolean wait) {
        LocalDate asOf = body == null || body.asOf() == null ? LocalDate.now(clock) : body.asOf();
        if (wait) {
            return ResponseEntity.ok(SegmentationBodies.RunBody.of(runs.runAndWait(asOf)));
        }
        SegmentationRunView started = runs.start(asOf);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(SegmentationBodies.RunBody.of(started));
    }

    @GetMapping
    @Operation(summary = "Recent runs, newest first, a page at a time",
            description = "When there are older runs, the Link header names the next page (<...?before=<runId of the last run shown>>;"
                    + " rel=\"next\"). Following the links reaches every run once.")
    public ResponseEntity<List<SegmentationBodies.RunBody>> recent(@Parameter(description = "How many to answer with: 1 to 1000 (default 20); more is"
            + " refused with a 400", schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "20"))
                                                   @RequestParam(required = false) String limit,
                                                   @Parameter(description = "Answer the runs older than this one (its runId): the Link header's next page gives it")
                                                   @RequestParam(required = false) String before, HttpServletRequest request) {
        int count = ListLimit.parse(limit, 20, ListLimit.MAX);
        Long after = ListCursor.id(before, "a run").orElse(null);
        ListCursor.Page<SegmentationRunView> page = ListCursor.page(runs.recentRuns(after, count + 1), count, r -> Long.toString(r.runId()), request);
        return ResponseEntity.ok().headers(page.headers()).body(page.items().stream().map(SegmentationBodies.RunBody::of).toList());
    }

    @GetMapping("/{runId}")
    public SegmentationBodies.RunBody run(@PathVariable long runId) {
        return runs.run(runId).map(SegmentationBodies.RunBody::of).orElseThrow(() -> new SegmentationNotFound("there is no run " + runId));
    }

    @GetMapping(path = "/{runId}/assignments", produces = "text/csv")
    @Operation(summary = "Every customer's segment, scores and metrics in this run, as CSV (streamed)")
    @ApiResponse(responseCode = "200", description = "The run is COMPLETED: one row per customer")
    @ApiResponse(responseCode = "404", description = "No such run")
    @ApiResponse(responseCode = "409", description = "The run has not completed (RUNNING or FAILED): problem+json saying its status"
            + " and what to do; a header alone would say it has no customers")
    public ResponseEntity<StreamingResponseBody> assignments(@PathVariable long runId) {
        SegmentationRunView run = runs.run(runId).orElseThrow(() -> new SegmentationNotFound("there is no run " + runId));
        if (run.status() != io.strata.application.segmentation.RunStatus.COMPLETED) {
            // a header with no rows said "no customers" for a run that failed, or has not finished (session 59)
            throw new io.strata.application.segmentation.RunNotCompleted(runId, run.status());
        }
        return CsvDownload.answer("run-" + runId + "-assignments.csv", ASSIGNMENT_HEADER, csv -> runs.assignments(runId, row -> {
            boolean noPurchase = row.frequency() == 0 && row.recencyDays() == null;
            csv.row(row.customerId(), row.segment(), row.r(), row.f(), row.m(), row.recencyDays(),
                    noPurchase ? null : row.frequency(), noPurchase ? null : row.monetary());
        }));
    }

    @GetMapping("/{runId}/migration")
    @Operation(summary = "How customers moved into this run's segments from an earlier run (default: the previous one)")
    public SegmentationBodies.MigrationBody migration(@PathVariable long runId, @RequestParam(required = false) Long from) {
        return SegmentationBodies.MigrationBody.of(runs.migration(from, runId));
    }
}
