package io.strata.domain.campaign;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every member of a target is excluded, capped, treated or in the control group; no count is negative, zero is fine. */
class AudienceCountsTest {

    @Test
    void zeroCountsAreAnEmptyAudience() {
        assertThat(new AudienceCounts(0, 0, 0, 0).eligible()).isZero();
        assertThat(new AudienceCounts(10, 1, 8, 1).eligible()).isEqualTo(9);
        assertThat(new AudienceCounts(10, 1, 3, 5, 1).eligible()).isEqualTo(6);
        assertThat(new AudienceCounts(10, 1, 8, 1).capped()).isZero();
    }

    @Test
    void noCountMayBeNegative() {
        // each negative count is balanced by the others, so only the sign check can refuse it
        assertThatThrownBy(() -> new AudienceCounts(-1, 0, -1, 0)).hasMessage("audience counts cannot be negative");
        assertThatThrownBy(() -> new AudienceCounts(0, -1, 1, 0)).hasMessage("audience counts cannot be negative");
        assertThatThrownBy(() -> new AudienceCounts(0, 1, -1, 0)).hasMessage("audience counts cannot be negative");
        assertThatThrownBy(() -> new AudienceCounts(0, 0, 1, -1)).hasMessage("audience counts cannot be negative");
        assertThatThrownBy(() -> new AudienceCounts(0, 0, -1, 1, 0)).hasMessage("audience counts cannot be negative");
    }

    @Test
    void membersMustBeTheSumOfTheParts() {
        assertThatThrownBy(() -> new AudienceCounts(10, 1, 8, 2))
                .hasMessage("the target's 10 members must be excluded (1), capped (0), treated (8) or in the control group (2)");
        assertThatThrownBy(() -> new AudienceCounts(10, 1, 2, 6, 2))
                .hasMessage("the target's 10 members must be excluded (1), capped (2), treated (6) or in the control group (2)");
    }
}
