package io.strata.adapters.web.prediction;

import io.strata.adapters.web.download.CsvColumn;
import io.strata.application.prediction.port.in.ReadPredictions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;

@RestController
@RequestMapping("/api/v1/segmentation-runs/{runId}/predictions")
@Tag(name = "Predictions", description = "Predicted customer value of a run: BG/NBD and Gamma-Gamma (docs/predictions.md)")
public class PredictionController {

    static final List<CsvColumn> HEADER = PredictionCsv.HEADER;

    private final ReadPredictions predictions;

    public PredictionController(ReadPredictions predictions) {
        this.predictions = predictions;
    }

    @GetMapping
    @Operation(summary = "The run's fitted models, or NOT_FITTED with the reason; 404 unknown run, 409 run not completed")
    public PredictionBodies.PredictionsBody summary(@PathVariable long runId) {
        return PredictionBodies.PredictionsBody.of(predictions.predictions(runId));
    }

    @GetMapping(path = "/customers", produces = "text/csv")
    @Operation(summary = "Every buyer's predictions as CSV (streamed); predicted fields empty when the run's models were not fitted")
    public ResponseEntity<StreamingResponseBody> customers(@PathVariable long runId) {
        return PredictionCsv.answer(predictions, runId);
    }

    @GetMapping("/back-test")
    @Operation(summary = "Refit without the run's last holdoutWeeks weeks and compare predicted with actual purchases per x group")
    public PredictionBodies.BackTestBody backTest(@PathVariable long runId, @RequestParam int holdoutWeeks) {
        return PredictionBodies.BackTestBody.of(predictions.backTest(runId, holdoutWeeks));
    }
}
