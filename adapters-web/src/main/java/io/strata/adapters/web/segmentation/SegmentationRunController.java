package io.strata.adapters.web.segmentation;

import io.strata.application.segmentation.RunSegmentation;
import io.strata.application.segmentation.SegmentationNotFound;
import io.strata.application.segmentation.SegmentationRunView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

@RestController
@RequestMapping("/api/v1/segmentation-runs")
@Tag(name = "Segmentation runs", description = "Compute the active general segmentation for every customer")
public class SegmentationRunController {

    static final String[] ASSIGNMENT_HEADER = {"customer_id", "segment", "r", "f", "m", "recency_days", "frequency", "monetary"};

    private final RunSegmentation runs;
    private final Clock clock;

    public SegmentationRunController(RunSegmentation runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    @PostMapping
    @Operation(summary = "Start a run as of a date (default today, UTC): 202 at once, or 200 when done with wait=true")
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
    @Operation(summary = "Recent runs, newest first")
    public List<SegmentationBodies.RunBody> recent(@RequestParam(defaultValue = "20") int limit) {
        return runs.recentRuns(limit).stream().map(SegmentationBodies.RunBody::of).toList();
    }

    @GetMapping("/{runId}")
    public SegmentationBodies.RunBody run(@PathVariable long runId) {
        return runs.run(runId).map(SegmentationBodies.RunBody::of).orElseThrow(() -> new SegmentationNotFound("there is no run " + runId));
    }

    @GetMapping(path = "/{runId}/assignments", produces = "text/csv")
    @Operation(summary = "Every customer's segment, scores and metrics in this run, as CSV (streamed)")
    public ResponseEntity<StreamingResponseBody> assignments(@PathVariable long runId) {
        runs.run(runId).orElseThrow(() -> new SegmentationNotFound("there is no run " + runId));
        StreamingResponseBody body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator("\n").setHeader(ASSIGNMENT_HEADER).get())) {
                runs.assignments(runId, row -> {
                    try {
                        csv.printRecord(row.customerId(), row.segment(), cell(row.r()), cell(row.f()), cell(row.m()), cell(row.recencyDays()),
                                row.frequency() == 0 && row.recencyDays() == null ? "" : Integer.toString(row.frequency()),
                                row.frequency() == 0 && row.recencyDays() == null ? "" : row.monetary().toPlainString());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        };
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"run-" + runId + "-assignments.csv\"").body(body);
    }

    @GetMapping("/{runId}/migration")
    @Operation(summary = "How customers moved into this run's segments from an earlier run (default: the previous one)")
    public SegmentationBodies.MigrationBody migration(@PathVariable long runId, @RequestParam(required = false) Long from) {
        return SegmentationBodies.MigrationBody.of(runs.migration(from, runId));
    }

    private static String cell(Integer value) {
        return value == null ? "" : value.toString();
    }
}
