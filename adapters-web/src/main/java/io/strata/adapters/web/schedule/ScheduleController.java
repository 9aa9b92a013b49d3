package io.strata.adapters.web.schedule;

import java.util.List;

import org.springframework.web.bind.annotation.RequestHeader;

import io.swagger.v3.oas.annotations.responses.ApiResponse;

import io.swagger.v3.oas.annotations.Parameter;

import io.swagger.v3.oas.annotations.headers.Header;

import io.strata.application.schedule.ScheduleView;

import io.strata.domain.edit.Revision;

import io.strata.adapters.web.problem.EntityTags;

import io.strata.application.schedule.ScheduleCommand;
import io.strata.application.schedule.port.in.ManageSchedules;
import io.strata.application.segmentation.SegmentationNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Schedules", description = "When the active segmentation runs by itself, and what Strata will do by itself")
public class ScheduleController {

    private final ManageSchedules schedules;

    public ScheduleController(ManageSchedules schedules) {
        this.schedules = schedules;
    }

    @GetMapping("/api/v1/segmentations/{id}/schedule")
    @Operation(summary = "The schedule, its next planned run and what its triggers did lately (404 when it has none)",
            description = "The ETag header is the schedule as set; send it back in If-Match with a change or removal")
    @ApiResponse(responseCode = "200", description = "The schedule", headers = @Header(name = "ETag", description = "The schedule as set"))
    public ResponseEntity<ScheduleBodies.ScheduleAnswer> schedule(@PathVariable long id) {
        ScheduleView view = schedules.schedule(id)
                .orElseThrow(() -> new SegmentationNotFound("segmentation " + id + " has no schedule; give it one with PUT"));
        return EntityTags.answer(view.revision(), ScheduleBodies.ScheduleAnswer.of(view));
    }

    @PutMapping("/api/v1/segmentations/{id}/schedule")
    @Operation(summary = "Sets the schedule: dailyAt (HH:MM) in timeZone, cron (five fields, in timeZone), afterImports with"
            + " quietMinutes (default 5); only the active segmentation's schedule runs", description = "With If-Match (the ETag of a GET),"
            + " set only if nobody changed the schedule since (checked and written in one unit of work, the schedule held; a"
            + " segmentation without a schedule matches no ETag); without If-Match, or with *, whatever changed meanwhile. The answer"
            + " carries the new ETag.")
    @ApiResponse(responseCode = "200", description = "Set", headers = @Header(name = "ETag", description = "The schedule as set now"))
    @ApiResponse(responseCode = "412", description = EntityTags.PRECONDITION_FAILED)
    public ResponseEntity<ScheduleBodies.ScheduleAnswer> set(@PathVariable long id,
            @Parameter(description = EntityTags.IF_MATCH_DESCRIPTION) @RequestHeader(name = EntityTags.IF_MATCH, required = false) String ifMatch,
            @RequestBody ScheduleBodies.ScheduleBody body) {
        List<Revision> seen = EntityTags.ifMatch(ifMatch);
        if (body == null) {
            throw new IllegalArgumentException("a schedule needs a body, e.g. {\"dailyAt\": \"06:00\", \"timeZone\": \"Europe/Berlin\"}");
        }
        ScheduleView set = schedules.set(new ScheduleCommand(id, body.schedule()), seen);
        return EntityTags.answer(set.revision(), ScheduleBodies.ScheduleAnswer.of(set));
    }

    @DeleteMapping("/api/v1/segmentations/{id}/schedule")
    @Operation(summary = "Removes the schedule: the segmentation runs only by hand", description = "With If-Match (the ETag of a GET),"
            + " removed only if nobody changed it since (412 otherwise); without If-Match, or with *, as it is now.")
    @ApiResponse(responseCode = "412", description = EntityTags.PRECONDITION_FAILED)
    public ResponseEntity<Void> remove(@PathVariable long id,
            @Parameter(description = EntityTags.IF_MATCH_DESCRIPTION) @RequestHeader(name = EntityTags.IF_MATCH, required = false) String ifMatch) {
        if (!schedules.remove(id, EntityTags.ifMatch(ifMatch))) {
            throw new SegmentationNotFound("segmentation " + id + " has no schedule, so there is none to remove: it runs only by hand");
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/calendar")
    @Operation(summary = "Planned runs and campaign launches of the next days (1 to 62, default 14), and the scheduled campaigns"
            + " that were not launched by themselves, with the reason")
    public ScheduleBodies.CalendarBody calendar(@RequestParam(defaultValue = "14") int days) {
        return ScheduleBodies.CalendarBody.of(schedules.calendar(days));
    }
}
