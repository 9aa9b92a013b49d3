package io.strata.adapters.web.prediction;

import io.strata.adapters.web.download.CsvColumn;
import io.strata.application.prediction.port.in.ReadPredictions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    private static final String NO_SUCH_RUN = "No such run";
    private static final String NOT_COMPLETED = "The run has not completed (RUNNING or FAILED): problem+json saying its status;"
            + " predictions belong to completed runs only";

    private final ReadPredictions predictions;

    public PredictionController(ReadPredictions predictions) {
        this.predictions = predictions;
    }

    @GetMapping
    @Operation(summary = "The run's fitted models, or NOT_FITTED with the reason; 404 unknown run, 409 run not completed")
    @ApiResponse(responseCode = "200", description = "The run is COMPLETED: FITTED with the models' parameters, or NOT_FITTED with the"
            + " reason and bgNbd, gammaGamma and logLikelihood null")
    @ApiResponse(responseCode = "404", description = NO_SUCH_RUN)
    @ApiResponse(responseCode = "409", description = NOT_COMPLETED)
    public PredictionBodies.PredictionsBody summary(@PathVariable long runId) {
        return PredictionBodies.PredictionsBody.of(predictions.predictions(runId));
    }

    @GetMapping(path = "/customers", produces = "text/csv")
    @Operation(summary = "Every buyer's predictions as CSV (streamed); predicted fields empty when the run's models were not fitted")
    @ApiResponse(responseCode = "200", description = "The run is COMPLETED: header customer_id,p_alive,expected_purchases_30d,"
            + "expected_purchases_90d,expected_purchases_365d,expected_purchase_value,predicted_value, one row per buyer")
    @ApiResponse(responseCode = "404", description = NO_SUCH_RUN)
    @ApiResponse(responseCode = "409", description = NOT_COMPLETED)
    public ResponseEntity<StreamingResponseBody> customers(@PathVariable long runId) {
        return PredictionCsv.answer(predictions, runId);
    }

    @GetMapping("/back-test")
    @Operation(summary = "Refit without the run's last holdoutWeeks weeks and compare predicted with actual purchases per x group")
    @ApiResponse(responseCode = "200", description = "The fit at the cutoff, the groups by x and their mean absolute error")
    @ApiResponse(responseCode = "400", description = "holdoutWeeks missing, not a whole number, or outside 1 to 520")
    @ApiResponse(responseCode = "404", description = NO_SUCH_RUN)
    @ApiResponse(responseCode = "409", description = NOT_COMPLETED)
    public PredictionBodies.BackTestBody backTest(@PathVariable long runId,
                                                  @Parameter(description = "Weeks held out at the end of the run, 1 to 520",
                                                          schema = @Schema(type = "integer", minimum = "1", maximum = "520"))
                                                  @RequestParam int holdoutWeeks) {
        return PredictionBodies.BackTestBody.of(predictions.backTest(runId, holdoutWeeks));
    }
}
