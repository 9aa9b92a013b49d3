package io.strata.domain.campaign;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Small campaign plans for tests. */
final class Plans {

    static final Instant NOW = Instant.parse("2024-07-01T12:00:00Z");

    private Plans() {
    }

    static CampaignPlan winBack() {
        return new CampaignPlan("Win back at risk", "move at_risk to loyal_customers", Target.segment("at_risk"),
                List.of(new Action.Message(Channel.EMAIL, "template:winback-1"), new Action.Offer(new BigDecimal("15"), "WINBACK15")),
                List.of(), new ControlGroup(new BigDecimal("20")), AttributionWindow.standard(), null);
    }

    static Launch launch() {
        return new Launch(NOW, 7, new AudienceCounts(20, 2, 14, 4));
    }
}
