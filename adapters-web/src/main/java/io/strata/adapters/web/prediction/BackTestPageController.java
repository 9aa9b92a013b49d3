package io.strata.adapters.web.prediction;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.application.prediction.BackTest;
import io.strata.application.prediction.HoldoutGroup;
import io.strata.application.prediction.PredictionsNotReady;
import io.strata.application.prediction.port.in.ReadPredictions;
import io.strata.application.segmentation.SegmentationNotFound;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/** A run's back-test in the console: predicted against actual purchases per x group, as a chart and a table. */
@Controller
@ConsolePage
public class BackTestPageController {

    private final ReadPredictions predictions;

    public BackTestPageController(ReadPredictions predictions) {
        this.predictions = predictions;
    }

    /** The form's field and the API's parameter: "Hold out the last [n] weeks" is {@code holdoutWeeks}. */
    static final String FIELD = "'Hold out the last … weeks'";

    @GetMapping("/segmentation-runs/{runId}/back-test")
    String backTest(@PathVariable long runId, @RequestParam(defaultValue = "13") String holdoutWeeks, Model model,
                    HttpServletResponse response) {
        model.addAttribute("runId", runId);
        // what was typed stays in the field, whatever it is (Thymeleaf escapes it)
        model.addAttribute("holdoutWeeks", holdoutWeeks);
        int weeks;
        try {
            weeks = Integer.parseInt(holdoutWeeks.strip());
        } catch (NumberFormatException e) {
            // session 57's probe: the console said "holdoutWeeks", the API's word, or answered a type mismatch
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            String typed = holdoutWeeks.strip();
            model.addAttribute("error", FIELD + " needs a whole number of weeks from 1 to 520, not '"
                    + io.strata.domain.text.PlainText.cut(typed, 80) + "'; type a number such as 13.");
            return "back-test";
        }
        try {
            BackTest test = predictions.backTest(runId, weeks);
            model.addAttribute("test", test);
            model.addAttribute("bars", bars(test.groups()));
        } catch (SegmentationNotFound e) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            model.addAttribute("error", e.getMessage());
        } catch (PredictionsNotReady | IllegalArgumentException e) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            model.addAttribute("error", io.strata.adapters.web.console.PlannerWords.say(e.getMessage()));
        }
        return "back-test";
    }

    /** One pair of bars per group, heights in percent of the tallest bar, for the page's SVG chart. */
    record Bar(String label, double predictedHeight, double actualHeight, double predicted, double actual) {
    }

    static List<Bar> bars(List<HoldoutGroup> groups) {
        double top = groups.stream().mapToDouble(g -> Math.max(g.predictedPerCustomer(), g.actualPerCustomer())).max().orElse(1);
        double scale = top > 0 ? 100 / top : 0;
        return groups.stream().map(g -> new Bar(g.andMore() ? g.x() + "+" : Integer.toString(g.x()), g.predictedPerCustomer() * scale,
                g.actualPerCustomer() * scale, g.predictedPerCustomer(), g.actualPerCustomer())).toList();
    }
}
