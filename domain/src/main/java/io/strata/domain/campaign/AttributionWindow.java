package io.strata.domain.campaign;

import java.time.Duration;
import java.time.Instant;

/** How long after the launch an order still counts as the campaign's effect: [launchedAt, launchedAt + days). */
public record AttributionWindow(int days) {

    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 365;

    public AttributionWindow {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidCampaign("attributionWindowDays", "attributionWindowDays is " + days + "; give between 1 and " + MAX_DAYS
                    + " days (default " + DEFAULT_DAYS + ")");
        }
    }

    public static AttributionWindow standard() {
        return new AttributionWindow(DEFAULT_DAYS);
    }

    public Instant end(Instant launchedAt) {
        return launchedAt.plus(Duration.ofDays(days));
    }

    public boolean contains(Instant launchedAt, Instant orderedAt) {
        return !orderedAt.isBefore(launchedAt) && orderedAt.isBefore(end(launchedAt));
    }
}
