package io.strata.adapters.web.campaign;

import java.util.List;

import org.springframework.web.bind.annotation.RequestHeader;

import org.springframework.http.ResponseEntity;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

import io.swagger.v3.oas.annotations.Parameter;

import io.swagger.v3.oas.annotations.headers.Header;

import io.strata.application.campaign.HoldoutView;
import io.strata.application.campaign.AlwaysOnPage;
import io.strata.adapters.web.problem.ListCursor;
import io.strata.adapters.web.problem.ListLimit;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.RequestParam;

import io.strata.domain.edit.Revision;

import io.strata.adapters.web.problem.EntityTags;

import io.strata.application.campaign.port.in.ManageHoldout;
import io.strata.application.campaign.port.in.RunAlwaysOnCampaigns;
import io.strata.domain.campaign.InvalidCampaign;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Always-on campaigns and the global holdout",
        description = "A campaign that acts on everyone who enters its target after every run; a share of customers no campaign reaches")
public class AlwaysOnController {

    private final RunAlwaysOnCampaigns alwaysOn;
    private final ManageHoldout holdout;

    public AlwaysOnController(RunAlwaysOnCampaigns alwaysOn, ManageHoldout holdout) {
        this.alwaysOn = alwaysOn;
        this.holdout = holdout;
    }

    /** The cursor of the cohort pages, as on the campaign's console page. */
    static final String COHORTS_BEFORE = "cohortsBefore";
    static final String COHORTS_LIMIT = "cohortsLimit";
    private static final String COHORTS = "a run of one of this campaign's cohorts";
    private static final String NEWEST_PAGE = "The answer holds the newest " + RunAlwaysOnCampaigns.NEWEST_COHORTS + " cohorts (in run"
            + " order), cohortCount how many there are, and total, cohortsWithLaterRun and migration over every cohort; when there are"
            + " older cohorts, the Link header names the page before them (<...?cohortsBefore=<run id of the oldest shown>>; rel=\"next\").";

    @PostMapping("/campaigns/{id}/always-on")
    @Operation(summary = "Start a scheduled campaign always-on: after every completed run, who entered its target forms a cohort",
            description = NEWEST_PAGE)
    public ResponseEntity<AlwaysOnBodies.AlwaysOnBody> start(@PathVariable long id) {
        return answer(id, alwaysOn.start(id), null);
    }

    @GetMapping("/campaigns/{id}/always-on")
    @Operation(summary = "An always-on campaign's state, its newest cohorts with their results, and results over every cohort",
            description = "Cohorts come a page at a time (session 53; every cohort before, 2,850 and 1.8 MB after three years of daily"
                    + " runs): the newest `cohortsLimit` (default " + RunAlwaysOnCampaigns.NEWEST_COHORTS + "), in run order, and,"
                    + " when there are older ones, a Link header naming the page before them"
                    + " (<...?cohortsBefore=<run id of the oldest cohort shown>>; rel=\"next\"). Following the links reaches every"
                    + " cohort once, newest pages first, each page in run order. cohortCount is how many cohorts there are; total,"
                    + " cohortsWithLaterRun and migration are over every cohort on every page, computed in the database.")
    @ApiResponse(responseCode = "200", description = "The campaign with a page of its cohorts",
            headers = @Header(name = "Link", description = "<...?cohortsBefore=<run id>>; rel=\"next\" when there are older cohorts"))
    public ResponseEntity<AlwaysOnBodies.AlwaysOnBody> get(@PathVariable long id,
            @Parameter(description = "Answer the cohorts before the cohort of this run (older ones): the Link header's next page gives it")
            @RequestParam(name = COHORTS_BEFORE, required = false) String cohortsBefore,
            @Parameter(description = "How many cohorts to answer with: 1 to 1000 (default " + RunAlwaysOnCampaigns.NEWEST_COHORTS
                    + "); more is refused with a 400",
                    schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "" + RunAlwaysOnCampaigns.NEWEST_COHORTS))
            @RequestParam(name = COHORTS_LIMIT, required = false) String cohortsLimit, HttpServletRequest request) {
        int limit = ListLimit.parse(COHORTS_LIMIT, cohortsLimit, RunAlwaysOnCampaigns.NEWEST_COHORTS, ListLimit.MAX);
        Long before = ListCursor.id(COHORTS_BEFORE, cohortsBefore, COHORTS).orElse(null);
        AlwaysOnPage page = alwaysOn.alwaysOnPage(id, before, limit);
        return answer(id, page, page.older() == null ? null
                : ListCursor.next(request, COHORTS_BEFORE, Long.toString(page.older())));
    }

    @PostMapping("/campaigns/{id}/always-on/pause")
    @Operation(summary = "Pause: runs form no cohort meanwhile (who enters then is not picked up later)", description = NEWEST_PAGE)
    public ResponseEntity<AlwaysOnBodies.AlwaysOnBody> pause(@PathVariable long id) {
        return answer(id, alwaysOn.pause(id), null);
    }

    @PostMapping("/campaigns/{id}/always-on/resume")
    @Operation(summary = "Resume after a pause", description = NEWEST_PAGE)
    public ResponseEntity<AlwaysOnBodies.AlwaysOnBody> resume(@PathVariable long id) {
        return answer(id, alwaysOn.resume(id), null);
    }

    @PostMapping("/campaigns/{id}/always-on/stop")
    @Operation(summary = "Stop for good; the campaign is completed, its cohorts and results stay", description = NEWEST_PAGE)
    public ResponseEntity<AlwaysOnBodies.AlwaysOnBody> stop(@PathVariable long id, @RequestBody(required = false) AlwaysOnBodies.StopRequest body) {
        return answer(id, alwaysOn.stop(id, body == null ? null : body.reason()), null);
    }

    /**
     * A page of the campaign's cohorts with a Link to the older ones: {@code next} (a GET's own address with the cursor),
     * or, for the answer of a change, the campaign's view before the oldest cohort shown.
     */
    private static ResponseEntity<AlwaysOnBodies.AlwaysOnBody> answer(long id, AlwaysOnPage page, String next) {
        String older = next != null || page.older() == null ? next
                : "/api/v1/campaigns/" + id + "/always-on?" + COHORTS_BEFORE + "=" + page.older();
        return ResponseEntity.ok().headers(new ListCursor.Page<>(List.of(), older).headers()).body(AlwaysOnBodies.AlwaysOnBody.of(page));
    }

    @GetMapping("/holdout")
    @Operation(summary = "The global holdout: its share of all customers, its draw and how many it holds out",
            description = "The ETag header is the holdout's stored state; send it back in If-Match with a change of its share")
    @ApiResponse(responseCode = "200", description = "The holdout", headers = @Header(name = "ETag", description = "The holdout's stored state"))
    public ResponseEntity<AlwaysOnBodies.HoldoutBody> holdout() {
        HoldoutView current = holdout.holdout();
        return EntityTags.answer(current.revision(), AlwaysOnBodies.HoldoutBody.of(current));
    }

    @PutMapping("/holdout")
    @Operation(summary = "Change the holdout's share (0 to 50 percent); the draw stays, so a larger share keeps everyone held out so far",
            description = "With If-Match (the ETag of a GET), the share is changed only if nobody changed the holdout since (a share or a"
                    + " new draw), checked and written in one unit of work with the holdout held; without If-Match, or with *, whatever"
                    + " changed meanwhile. The answer carries the new ETag.")
    @ApiResponse(responseCode = "200", description = "Changed", headers = @Header(name = "ETag", description = "The holdout's new stored state"))
    @ApiResponse(responseCode = "412", description = EntityTags.PRECONDITION_FAILED)
    public ResponseEntity<AlwaysOnBodies.HoldoutBody> changeShare(
            @Parameter(description = EntityTags.IF_MATCH_DESCRIPTION) @RequestHeader(name = EntityTags.IF_MATCH, required = false) String ifMatch,
            @RequestBody(required = false) AlwaysOnBodies.HoldoutRequest body) {
        List<Revision> seen = EntityTags.ifMatch(ifMatch);
        if (body == null || body.sharePercent() == null) {
            throw new InvalidCampaign("sharePercent", "give sharePercent, the share of all customers to hold out of every campaign,"
                    + " between 0 and 50, e.g. {\"sharePercent\": 5}");
        }
        HoldoutView changed = holdout.changeShare(body.sharePercent(), seen);
        return EntityTags.answer(changed.revision(), AlwaysOnBodies.HoldoutBody.of(changed));
    }

    @PostMapping("/holdout/redraw")
    @Operation(summary = "Draw other customers for the holdout; the programme's effect is measured from now on")
    public AlwaysOnBodies.HoldoutBody redraw() {
        return AlwaysOnBodies.HoldoutBody.of(holdout.redraw());
    }

    @GetMapping("/holdout/effect")
    @Operation(summary = "The programme's effect: revenue per customer and moved-up share, everyone else against the holdout, with 95 % intervals")
    public AlwaysOnBodies.EffectBody effect() {
        return AlwaysOnBodies.EffectBody.of(holdout.effect());
    }
}
