package io.strata.adapters.web.campaign;

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
    @Operation(summary = "The global holdout: its share of all customers, its draw and how many it holds out")
    public AlwaysOnBodies.HoldoutBody holdout() {
        return AlwaysOnBodies.HoldoutBody.of(holdout.holdout());
    }

    @PutMapping("/holdout")
    @Operation(summary = "Change the holdout's share (0 to 50 percent); the draw stays, so a larger share keeps everyone held out so far")
    public AlwaysOnBodies.HoldoutBody changeShare(@RequestBody(required = false) AlwaysOnBodies.HoldoutRequest body) {
        if (body == null || body.sharePercent() == null) {
            throw new InvalidCampaign("sharePercent", "give sharePercent, the share of all customers to hold out of every campaign,"
                    + " between 0 and 50, e.g. {\"sharePercent\": 5}");
        }
        return AlwaysOnBodies.HoldoutBody.of(holdout.changeShare(body.sharePercent()));
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
