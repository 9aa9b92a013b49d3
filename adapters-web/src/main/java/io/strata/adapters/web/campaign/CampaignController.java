package io.strata.adapters.web.campaign;

import org.springframework.web.bind.annotation.RequestParam;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.strata.adapters.web.problem.EntityTags;
import io.strata.adapters.web.problem.ListLimit;
import io.strata.domain.edit.Revision;
import io.swagger.v3.oas.annotations.headers.Header;
import org.springframework.web.bind.annotation.RequestHeader;
import io.strata.adapters.web.problem.ListCursor;
import io.strata.application.campaign.CampaignSelection;
import jakarta.servlet.http.HttpServletRequest;
import io.strata.application.campaign.LaunchCommand;
import io.strata.application.campaign.port.in.MeasureCampaigns;
import io.strata.application.campaign.port.in.PlanCampaigns;
import io.strata.application.campaign.port.in.RunCampaigns;
import io.strata.application.campaign.StoredCampaign;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.adapters.web.download.CsvColumn;
import io.strata.adapters.web.download.CsvDownload;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.net.URI;
import java.util.List;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Campaigns", description = "Actions per segment: plan, schedule, launch with a control group, dispatch, results")
public class CampaignController {

    static final List<CsvColumn> AUDIENCE_HEADER = List.of(CsvColumn.text("customer_id"), CsvColumn.text("group"), CsvColumn.text("channel"),
            CsvColumn.number("tactical_segment_id"));

    private final PlanCampaigns plans;
    private final RunCampaigns runs;
    private final MeasureCampaigns measures;

    public CampaignController(PlanCampaigns plans, RunCampaigns runs, MeasureCampaigns measures) {
        this.plans = plans;
        this.runs = runs;
        this.measures = measures;
    }

    @GetMapping("/action-plan")
    @Operation(summary = "The active general segmentation's segments in value order, each with its goal, size and campaigns")
    public CampaignBodies.ActionPlanBody actionPlan() {
        return CampaignBodies.ActionPlanBody.of(plans.actionPlan());
    }

    @PostMapping("/campaigns")
    @Operation(summary = "Plan a campaign as a draft for a segment of the active general segmentation")
    public ResponseEntity<CampaignBodies.CampaignBody> create(@RequestBody(required = false) CampaignBodies.PlanRequest body) {
        StoredCampaign created = plans.create(plan(body));
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + created.id())).body(CampaignBodies.CampaignBody.of(created));
    }

    @GetMapping("/campaigns")
    @Operation(summary = "Every campaign, newest first, a page at a time",
            description = "Answers the newest campaigns (at most limit); when there are older ones, the Link header names the next page"
                    + " (<...?before=<id of the last campaign shown>>; rel=\"next\"). Following the links reaches every campaign once.")
    public ResponseEntity<List<CampaignBodies.CampaignBody>> list(@Parameter(description = "How many to answer with: 1 to 1000 (default 1000); more is refused with a 400",
            schema = @Schema(type = "integer", minimum = "1", maximum = "1000", defaultValue = "1000"))
            @RequestParam(required = false) String limit,
            @Parameter(description = "Answer the campaigns older than this one (its id): the Link header's next page gives it")
            @RequestParam(required = false) String before, HttpServletRequest request) {
        int count = ListLimit.parse(limit, ListLimit.MAX, ListLimit.MAX);
        Long after = ListCursor.id(before, "a campaign").orElse(null);
        ListCursor.Page<StoredCampaign> page = ListCursor.page(plans.campaigns(CampaignSelection.every(), after, count + 1), count,
                c -> Long.toString(c.id()), request);
        return ResponseEntity.ok().headers(page.headers()).body(page.items().stream().map(CampaignBodies.CampaignBody::of).toList());
    }

    @GetMapping("/campaigns/{id}")
    @Operation(summary = "One campaign", description = "The ETag header is the campaign's stored state; send it back in If-Match with an edit")
    @ApiResponse(responseCode = "200", description = "The campaign", headers = @Header(name = "ETag", description = "The campaign's stored state"))
    public ResponseEntity<CampaignBodies.CampaignBody> get(@PathVariable long id) {
        StoredCampaign campaign = plans.campaign(id);
        return EntityTags.answer(campaign.revision(), CampaignBodies.CampaignBody.of(campaign));
    }

    @PutMapping("/campaigns/{id}")
    @Operation(summary = "Replace a draft's plan (only drafts can be edited)", description = "With If-Match (the ETag of a GET), the plan"
            + " is replaced only if nobody changed the campaign since: the check and the write are one unit of work with the campaign"
            + " held, so of two edits sent with the same ETag exactly one is saved. Without If-Match, or with *, it is replaced"
            + " whatever changed meanwhile. The answer carries the new ETag.")
    @ApiResponse(responseCode = "200", description = "Saved", headers = @Header(name = "ETag", description = "The campaign's new stored state"))
    @ApiResponse(responseCode = "412", description = EntityTags.PRECONDITION_FAILED)
    @ApiResponse(responseCode = "400", description = "A wrong field, or an If-Match that is not an entity tag")
    public ResponseEntity<CampaignBodies.CampaignBody> edit(@PathVariable long id,
            @Parameter(description = EntityTags.IF_MATCH_DESCRIPTION) @RequestHeader(name = EntityTags.IF_MATCH, required = false) String ifMatch,
            @RequestBody(required = false) CampaignBodies.PlanRequest body) {
        List<Revision> seen = EntityTags.ifMatch(ifMatch);
        StoredCampaign edited = plans.edit(id, plan(body), seen);
        return EntityTags.answer(edited.revision(), CampaignBodies.CampaignBody.of(edited));
    }

    @PostMapping("/campaigns/{id}/schedule")
    @Operation(summary = "Fix a draft for launch, optionally with a startAt")
    public CampaignBodies.CampaignBody schedule(@PathVariable long id, @RequestBody(required = false) CampaignBodies.ScheduleRequest body) {
        return CampaignBodies.CampaignBody.of(runs.schedule(id, body == null ? null : body.startAt()));
    }

    @PostMapping("/campaigns/{id}/launch")
    @Operation(summary = "Freeze the audience from the latest completed run, split off the control group and dispatch the rest;"
            + " launchAt (optional, not in the future) starts the attribution window at a past moment",
            description = "One unit of work: the audience, the RUNNING state, the deliveries and the audit entry are committed together"
                    + " or not at all, so a failed launch leaves the campaign SCHEDULED and launchable again. Of concurrent launches of"
                    + " one campaign exactly one succeeds; the others wait for it and answer 409 (problem+json, currentState RUNNING).")
    public CampaignBodies.CampaignBody launch(@PathVariable long id, @RequestBody(required = false) CampaignBodies.LaunchRequest body) {
        return CampaignBodies.CampaignBody.of(runs.launch(new LaunchCommand(id, body == null ? null : body.launchAt())));
    }

    @PostMapping("/campaigns/{id}/complete")
    public CampaignBodies.CampaignBody complete(@PathVariable long id) {
        return CampaignBodies.CampaignBody.of(runs.complete(id));
    }

    @PostMapping("/campaigns/{id}/cancel")
    @Operation(summary = "Cancel a draft or scheduled campaign, optionally with a reason")
    public CampaignBodies.CampaignBody cancel(@PathVariable long id, @RequestBody(required = false) CampaignBodies.CancelRequest body) {
        return CampaignBodies.CampaignBody.of(runs.cancel(id, body == null ? null : body.reason()));
    }

    @PostMapping("/campaigns/{id}/dispatch")
    @Operation(summary = "Queue the unsent (pending or failed) deliveries for the configured webhook and answer at once (202) with how many"
            + " were queued and the outbox's state; the deliveries go out in the background, each attempt bounded in time, retried with"
            + " backoff and then marked failed with the reason (see the deliveries download)")
    @ApiResponse(responseCode = "202", description = "Queued (queued is 0 when no webhook is configured)")
    public ResponseEntity<CampaignBodies.DispatchBody> dispatch(@PathVariable long id) {
        return ResponseEntity.accepted().body(CampaignBodies.DispatchBody.of(runs.dispatch(id)));
    }

    @GetMapping("/campaigns/{id}/audience")
    @Operation(summary = "The frozen audience: members of the target, excluded for consent, treatment and control, per action, and delivery progress")
    public CampaignBodies.AudienceBody audience(@PathVariable long id) {
        return CampaignBodies.AudienceBody.of(measures.audience(id), plans.campaign(id).campaign().plan());
    }

    @GetMapping(path = "/campaigns/{id}/audience/members", produces = "text/csv")
    @Operation(summary = "Every frozen member with group, channel and action list (tactical_segment_id, empty for the default actions),"
            + " as CSV (streamed)")
    public ResponseEntity<StreamingResponseBody> members(@PathVariable long id) {
        measures.audience(id);
        CampaignPlan plan = plans.campaign(id).campaign().plan();
        return CsvDownload.answer("campaign-" + id + "-audience.csv", AUDIENCE_HEADER, csv -> measures.members(id, member -> csv.row(
                member.customerId(), CampaignBodies.group(member), CampaignBodies.channelAt(plan, member.actionPosition()),
                CampaignBodies.tacticalSegmentId(member.actionList()))));
    }

    @GetMapping(path = "/campaigns/{id}/deliveries", produces = "text/csv")
    @Operation(summary = "The treatment group's deliveries with each customer's action and webhook status, as CSV (streamed)")
    public ResponseEntity<StreamingResponseBody> deliveriesCsv(@PathVariable long id) {
        return DeliveryFiles.csv(measures, id);
    }

    @GetMapping(path = "/campaigns/{id}/deliveries", produces = DeliveryFiles.NDJSON)
    @Operation(summary = "The same deliveries as NDJSON, one object per line with the CSV's field names (streamed)")
    public ResponseEntity<StreamingResponseBody> deliveriesNdjson(@PathVariable long id) {
        return DeliveryFiles.ndjson(measures, id);
    }

    @GetMapping("/campaigns/{id}/results")
    @Operation(summary = "Treatment against control: conversion, revenue per customer, uplift, z-test p-value and migration to higher"
            + " segments, for the whole audience and per action list (the default actions, each tactical segment with its own)")
    public CampaignBodies.ResultsBody results(@PathVariable long id) {
        return CampaignBodies.ResultsBody.of(measures.results(id), plans.campaign(id).campaign().plan());
    }

    private static CampaignPlan plan(CampaignBodies.PlanRequest body) {
        if (body == null) {
            throw new InvalidCampaign("body", "the request needs a JSON body such as {\"name\": \"Win back\", \"targetSegment\": \"at_risk\","
                    + " \"actions\": [{\"channel\": \"email\", \"content\": \"template:winback-1\"}]}");
        }
        CampaignPlanReader.Reading reading = CampaignPlanReader.leavingTacticalSegmentsToTheUseCase().read(body.parts());
        if (!reading.errors().isEmpty()) {
            throw new InvalidCampaignPlan(reading.errors().inOrder());
        }
        return reading.plan();
    }
}
