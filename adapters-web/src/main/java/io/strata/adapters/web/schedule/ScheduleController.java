package io.strata.adapters.web.schedule;

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
    @Operation(summary = "The schedule, its next planned run and what its triggers did lately (404 when it has none)")
    public ScheduleBodies.ScheduleAnswer schedule(@PathVariable long id) {
        return schedules.schedule(id).map(ScheduleBodies.ScheduleAnswer::of)
                .orElseThrow(() -> new SegmentationNotFound("segmentation " + id + " has no schedule; give it one with PUT"));
    }

    @PutMapping("/api/v1/segmentations/{id}/schedule")
    @Operation(summary = "Sets the schedule: dailyAt (HH:MM) in timeZone, cron (five fields, in timeZone), afterImports with"
            + " quietMinutes (default 5); only the active segmentation's schedule runs")
    public ScheduleBodies.ScheduleAnswer set(@PathVariable long id, @RequestBody ScheduleBodies.ScheduleBody body) {
        if (body == null) {
            throw new IllegalArgumentException("a schedule needs a body, e.g. {\"dailyAt\": \"06:00\", \"timeZone\": \"Europe/Berlin\"}");
        }
        return ScheduleBodies.ScheduleAnswer.of(schedules.set(new ScheduleCommand(id, body.schedule())));
    }

    @DeleteMapping("/api/v1/segmentations/{id}/schedule")
    @Operation(summary = "Removes the schedule: the segmentation runs only by hand")
    public ResponseEntity<Void> remove(@PathVariable long id) {
        if (!schedules.remove(id)) {
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
