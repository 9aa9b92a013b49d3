package io.strata.adapters.web.campaign;

import java.util.List;

import org.springframework.web.bind.annotation.RequestHeader;

import org.springframework.http.ResponseEntity;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

import io.swagger.v3.oas.annotations.Parameter;

import io.swagger.v3.oas.annotations.headers.Header;

import io.strata.application.campaign.HoldoutView;

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

    @PostMapping("/campaigns/{id}/always-on")
    @Operation(summary = "Start a scheduled campaign always-on: after every completed run, who entered its target forms a cohort")
    public AlwaysOnBodies.AlwaysOnBody start(@PathVariable long id) {
        return AlwaysOnBodies.AlwaysOnBody.of(alwaysOn.start(id));
    }

    @GetMapping("/campaigns/{id}/always-on")
    @Operation(summary = "An always-on campaign's state, cohorts and results per cohort and in total")
    public AlwaysOnBodies.AlwaysOnBody get(@PathVariable long id) {
        return AlwaysOnBodies.AlwaysOnBody.of(alwaysOn.alwaysOn(id));
    }

    @PostMapping("/campaigns/{id}/always-on/pause")
    @Operation(summary = "Pause: runs form no cohort meanwhile (who enters then is not picked up later)")
    public AlwaysOnBodies.AlwaysOnBody pause(@PathVariable long id) {
        return AlwaysOnBodies.AlwaysOnBody.of(alwaysOn.pause(id));
    }

    @PostMapping("/campaigns/{id}/always-on/resume")
    public AlwaysOnBodies.AlwaysOnBody resume(@PathVariable long id) {
        return AlwaysOnBodies.AlwaysOnBody.of(alwaysOn.resume(id));
    }

    @PostMapping("/campaigns/{id}/always-on/stop")
    @Operation(summary = "Stop for good; the campaign is completed, its cohorts and results stay")
    public AlwaysOnBodies.AlwaysOnBody stop(@PathVariable long id, @RequestBody(required = false) AlwaysOnBodies.StopRequest body) {
        return AlwaysOnBodies.AlwaysOnBody.of(alwaysOn.stop(id, body == null ? null : body.reason()));
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
