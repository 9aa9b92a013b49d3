package io.strata.adapters.web.prediction;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.application.prediction.port.in.ReadPredictions;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The console's download of a run's predictions: the API's CSV, behind the console's login. */
@Controller
@ConsolePage
public class PredictionExportPageController {

    private final ReadPredictions predictions;

    public PredictionExportPageController(ReadPredictions predictions) {
        this.predictions = predictions;
    }

    @GetMapping(path = "/segmentation-runs/{runId}/predictions.csv", produces = "text/csv")
    ResponseEntity<StreamingResponseBody> export(@PathVariable long runId) {
        return PredictionCsv.answer(predictions, runId);
    }
}
