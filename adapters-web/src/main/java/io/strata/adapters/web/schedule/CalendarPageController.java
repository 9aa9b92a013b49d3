package io.strata.adapters.web.schedule;

import io.strata.adapters.web.console.ConsolePage;
import io.strata.application.schedule.port.in.ManageSchedules;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's calendar: what Strata will do by itself in the next two weeks, and the launches it refused. */
@Controller
@ConsolePage
public class CalendarPageController {

    private final ManageSchedules schedules;
    public CalendarPageController(ManageSchedules schedules) {
        this.schedules = schedules;
    }

    @GetMapping("/calendar")
    String calendar(Model model) {
        model.addAttribute("calendar", schedules.calendar(14));
        return "calendar";
    }
}
