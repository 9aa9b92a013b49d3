package io.strata.domain.campaign;

import java.util.Objects;

/**
 * At most {@code maxDeliveries} deliveries to one customer on {@code channel} within the {@code windowDays} days before
 * a launch, across all campaigns. A launch leaves out (and counts as capped) every member whose action is on a channel
 * where they already reached the cap. A cap of zero would silently close the channel, so it is refused: to stop using
 * a channel, leave it out of the plans.
 */
public record FrequencyCap(Channel channel, int maxDeliveries, int windowDays) {

    public static final int MAX_DELIVERIES = 1000;
    public static final int MAX_WINDOW_DAYS = 365;

    public FrequencyCap {
        Objects.requireNonNull(channel, "channel");
        if (maxDeliveries < 1 || maxDeliveries > MAX_DELIVERIES) {
            throw new InvalidDeliverySetting("maxDeliveries", "maxDeliveries is " + maxDeliveries + "; give 1 to " + MAX_DELIVERIES
                    + " deliveries per customer and window (a cap of zero would block the channel: leave the channel out of the plans"
                    + " instead, or remove the cap to lift it)");
        }
        if (windowDays < 1 || windowDays > MAX_WINDOW_DAYS) {
            throw new InvalidDeliverySetting("windowDays", "windowDays is " + windowDays + "; give a rolling window of 1 to "
                    + MAX_WINDOW_DAYS + " days, e.g. 7");
        }
    }
}
