package io.strata.domain.segmentation;

import java.util.List;

import static io.strata.domain.segmentation.LifecycleStage.otherwise;
import static io.strata.domain.segmentation.LifecycleStage.when;

/**
 * user-status: the app status of a user from order recency and {@code signup} / {@code session} events. Stages are
 * tried from the most specific (loyal) to the catch-all (churned).
 */
final class UserStatusTemplate {

    static final String KEY = "user-status";
    static final String LOYAL = "frequency >= 6 and recency_days <= 90";
    static final String NEW = "count(events \"signup\" within 30 days) >= 1 or (frequency = 1 and recency_days <= 30)";
    static final String ACTIVE = "recency_days <= 90 or count(events \"session\" within 30 days) >= 1";
    static final String DORMANT = "recency_days <= 365 or count(events \"session\" within 180 days) >= 1";

    private UserStatusTemplate() {
    }

    static SegmentationTemplate template() {
        LifecycleBasis basis = LifecycleBasis.of(
                when(LOYAL, "loyal"),
                when(NEW, "new"),
                when(ACTIVE, "active"),
                when(DORMANT, "dormant"),
                otherwise("churned"));
        List<Segment> segments = List.of(
                new Segment("churned", "Churned", 1, "No purchase for a year and no session for 180 days.",
                        "ask why in a feedback survey, then win back: move to active"),
                new Segment("dormant", "Dormant", 2, "Bought within a year or had a session within 180 days, but not lately.",
                        "\"we miss you\" offer: move to active"),
                new Segment("new", "New", 3, "Signed up in the last 30 days, or made a first purchase in the last 30 days.",
                        "welcome series and onboarding: move to active"),
                new Segment("active", "Active", 4, "Bought within 90 days or had a session within 30 days.",
                        "loyalty rewards and upsell: move to loyal"),
                new Segment("loyal", "Loyal", 5, "Six purchases or more, the last within 90 days.",
                        "VIP treatment: stay in loyal"));
        return new SegmentationTemplate(KEY, "User status",
                "New, active, dormant, churned and loyal users from order recency and signup and session events.",
                new GeneralSegmentation("User status", basis, segments));
    }
}
