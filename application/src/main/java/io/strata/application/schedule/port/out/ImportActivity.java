package io.strata.application.schedule.port.out;

import io.strata.domain.schedule.ImportQuiet;

/** Out-port: what the orders and events imports are doing, for schedules that run after imports. */
public interface ImportActivity {

    ImportQuiet ordersAndEvents();
}
