package io.strata.domain.segmentation;

import io.strata.domain.history.CustomerHistory;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static io.strata.domain.segmentation.CustomerBuilder.customer;
import static io.strata.domain.segmentation.TierSegmentationTest.segmentsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleSegmentationTest {

    static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    final SegmentationReference reference = new SegmentationReference(new HandWrittenConditions());

    @Test
    void subscribersAreTrialistsPayersUnsubscribedOrProspectsAndTheFirstMatchingStageWins() {
        List<CustomerHistory> base = List.of(
                customer("trial_paying").attribute("plan", "trial").event("payment", "2024-06-20").build(),
                customer("paid_35_days_ago").attribute("plan", "monthly").event("payment", "2024-05-26").build(),
                customer("paid_36_days_ago").attribute("plan", "monthly").event("payment", "2024-05-25").build(),
                customer("cancelled_never_paid").attribute("plan", "cancelled").build(),
                customer("payment_after_as_of").event("payment", "2024-07-01").build(),
                customer("stranger").build());
        SegmentationResult result = reference.run(SegmentationTemplates.instantiate("subscription-lifecycle", "S"), AS_OF, base);

        assertThat(segmentsOf(result, "trial_paying", "paid_35_days_ago", "paid_36_days_ago", "cancelled_never_paid",
                "payment_after_as_of", "stranger"))
                .containsExactly("trialist", "payer", "unsubscribed", "unsubscribed", "prospect", "prospect");
    }

    @Test
    void usersAreLoyalNewActiveDormantOrChurnedByOrderAndSessionRecency() {
        List<CustomerHistory> base = List.of(
                sixOrdersEndingOn("loyal_90", "2024-04-01"), // recency 90
                sixOrdersEndingOn("loyal_91", "2024-03-31"), // recency 91: not loyal, still bought within a year
                customer("signed_up").event("signup", "2024-06-20").build(),
                customer("first_purchase_30").order("2024-05-31", "10").build(),
                customer("second_purchase_10").order("2024-01-01", "10").order("2024-06-20", "10").build(),
                customer("session_only").event("session", "2024-06-25").build(),
                customer("old_buyer").order("2023-12-13", "10").build(), // recency 200
                customer("old_session").event("session", "2024-01-10").build(), // 172 days ago
                customer("gone").order("2023-05-01", "10").event("session", "2023-12-01").build(),
                customer("never_seen").build());
        SegmentationResult result = reference.run(SegmentationTemplates.instantiate("user-status", "U"), AS_OF, base);

        assertThat(segmentsOf(result, "loyal_90", "loyal_91", "signed_up", "first_purchase_30", "second_purchase_10",
                "session_only", "old_buyer", "old_session", "gone", "never_seen"))
                .containsExactly("loyal", "dormant", "new", "new", "active", "active", "dormant", "dormant", "churned", "churned");
    }

    @Test
    void rfmAndTierBasesNeverAskForARuleEvaluator() {
        SegmentationResult result = SegmentationReference.withoutConditions().run(
                SegmentationTemplates.instantiate("frequency-tiers", "F"), AS_OF, List.of(customer("c").build()));
        assertThat(result.customers()).isEqualTo(1);
        assertThatThrownBy(() -> SegmentationReference.withoutConditions().run(
                SegmentationTemplates.instantiate("user-status", "U"), AS_OF, List.of(customer("c").build())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a rule evaluator");
    }

    static CustomerHistory sixOrdersEndingOn(String id, String last) {
        CustomerBuilder builder = customer(id);
        LocalDate lastDate = LocalDate.parse(last);
        for (int i = 5; i >= 0; i--) {
            builder.order(lastDate.minusDays(10L * i).toString(), "10");
        }
        return builder.build();
    }
}
