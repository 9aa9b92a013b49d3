package io.strata.domain.segmentation;

import java.util.List;

import static io.strata.domain.segmentation.LifecycleStage.otherwise;
import static io.strata.domain.segmentation.LifecycleStage.when;

/**
 * subscription-lifecycle: the online-cinema status of a subscriber, from the custom attribute {@code plan} and
 * {@code payment} events. A payment within 35 days means a current monthly payer.
 */
final class SubscriptionLifecycleTemplate {

    static final String KEY = "subscription-lifecycle";
    static final String TRIALIST = "plan = \"trial\"";
    static final String PAID_RECENTLY = "count(events \"payment\" within 35 days) >= 1";
    static final String PAID_BEFORE = "count(events \"payment\" within 3650 days) >= 1 or plan = \"cancelled\"";

    private SubscriptionLifecycleTemplate() {
    }

    static SegmentationTemplate template() {
        LifecycleBasis basis = LifecycleBasis.of(
                when(TRIALIST, "trialist"),
                when(PAID_RECENTLY, "payer"),
                when(PAID_BEFORE, "unsubscribed"),
                otherwise("prospect"));
        List<Segment> segments = List.of(
                new Segment("prospect", "Prospect", 1, "Neither on a trial nor ever paying.", "start a trial: move to trialist"),
                new Segment("unsubscribed", "Unsubscribed", 2, "Paid before, but not in the last 35 days, or cancelled.",
                        "win back: move to payer"),
                new Segment("trialist", "Trialist", 3, "On a free or discounted trial (plan = trial).",
                        "convert before the trial ends: move to payer"),
                new Segment("payer", "Payer", 4, "Paid within the last 35 days.", "keep paying: stay in payer"));
        return new SegmentationTemplate(KEY, "Subscription lifecycle",
                "Trialist, payer, unsubscribed or prospect, from the plan attribute and payment events; first matching stage wins.",
                new GeneralSegmentation("Subscription lifecycle", basis, segments));
    }
}
