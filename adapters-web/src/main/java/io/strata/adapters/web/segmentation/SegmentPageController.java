package io.strata.adapters.web.segmentation;

import io.strata.application.prediction.port.in.ReadPredictions;
import io.strata.application.tactical.TacticalSegmentView;
import io.strata.application.segmentation.SegmentMember;
import io.strata.adapters.web.download.CsvColumn;
import io.strata.adapters.web.download.CsvDownload;
import io.strata.application.segmentation.port.in.RunSegmentation;
import io.strata.application.segmentation.SegmentationNotFound;
import io.strata.application.segmentation.SegmentationRunView;
import io.strata.application.segmentation.port.out.SegmentationRuns;
import io.strata.application.tactical.port.in.ManageTacticalSegments;
import io.strata.domain.segmentation.SegmentSummary;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;

/** A general segment as of the latest completed run: its figures, the tactical segments inside it and its members, page by page. */
@Controller
public class SegmentPageController {

    static final int PAGE = 50;
    static final List<CsvColumn> MEMBERS_HEADER = List.of(CsvColumn.text("customer_id"), CsvColumn.text("email"), CsvColumn.text("city"),
            CsvColumn.number("r"), CsvColumn.number("f"), CsvColumn.number("m"), CsvColumn.number("recency_days"),
            CsvColumn.number("frequency"), CsvColumn.number("monetary"));

    private final RunSegmentation runs;
    private final ManageTacticalSegments tactical;
    private final ReadPredictions predictions;

    public SegmentPageController(RunSegmentation runs, ManageTacticalSegments tactical, ReadPredictions predictions) {
        this.runs = runs;
        this.tactical = tactical;
        this.predictions = predictions;
    }

    @GetMapping("/segments/{key}")
    String segment(@PathVariable String key, @RequestParam(required = false) String q, @RequestParam(defaultValue = "0") long after,
                   Model model) {
        SegmentationRunView run = latestRun();
        SegmentSummary summary = run.segments().stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> new SegmentationNotFound("the latest run has no segment '" + key + "'"));
        List<SegmentMember> members = runs.segmentMembers(run.runId(), key, q, after, PAGE + 1);
        boolean more = members.size() > PAGE;
        List<SegmentMember> page = more ? members.subList(0, PAGE) : members;
        model.addAttribute("run", run);
        model.addAttribute("segment", summary);
        model.addAttribute("members", page);
        model.addAttribute("q", q);
        model.addAttribute("tactical", insideOf(key));
        model.addAttribute("averagePredictedValue", predictions.averagePredictedValues(run.runId()).get(key));
        model.addAttribute("nextAfter", more ? page.get(page.size() - 1).key() : null);
        return "segment";
    }

    @GetMapping(path = "/segments/{key}/members.csv")
    ResponseEntity<StreamingResponseBody> export(@PathVariable String key) {
        SegmentationRunView run = latestRun();
        return CsvDownload.answer("segment-" + key + ".csv", MEMBERS_HEADER, csv -> {
            long after = 0;
            List<SegmentMember> page;
            do {
                page = runs.segmentMembers(run.runId(), key, null, after, 500);
                for (SegmentMember m : page) {
                    csv.row(m.customerId(), m.email(), m.city(), m.r(), m.f(), m.m(), m.recencyDays(), m.frequency(), m.monetary());
                    after = m.key();
                }
            } while (!page.isEmpty());
        });
    }

    /** Tactical segments whose parent is this segment, with their sizes in the latest run: one read for all, none per row. */
    private List<TacticalSegmentView> insideOf(String key) {
        return tactical.tacticalSegments().stream().filter(t -> t.stored().segment().parentSegment().equals(key)).toList();
    }

    private SegmentationRunView latestRun() {
        return runs.latestCompletedRun().orElseThrow(() -> new SegmentationNotFound("no segmentation run has completed yet"));
    }
}
