package io.strata.domain.tactical;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A tactical segment's limits at their exact edges, and control characters in its name or hypothesis. */
class TacticalSegmentLimitsTest {

    private static InvalidTacticalSegment refusal(String name, String rule, String hypothesis) {
        return catchThrowableOfType(InvalidTacticalSegment.class,
                () -> new TacticalSegment(name, "at_risk", rule, hypothesis, TacticalStatus.ACTIVE));
    }

    @Test
    void aNameHasTwoHundredCharactersAtMost() {
        assertThat(new TacticalSegment("n".repeat(200), "at_risk", "frequency > 1", null, TacticalStatus.ACTIVE).name()).hasSize(200);
        assertThat(refusal("n".repeat(201), "frequency > 1", null).problems())
                .containsExactly(new InvalidTacticalSegment.Problem("name", "the name has 201 characters; at most 200 are allowed"));
    }

    @Test
    void aRuleHasTenThousandCharactersAtMost() {
        String longest = "frequency > 1" + " ".repeat(10_000 - 13);
        assertThat(new TacticalSegment("n", "at_risk", longest, null, TacticalStatus.ACTIVE).rule()).hasSize(10_000);
        assertThat(refusal("n", longest + " ", null).problems())
                .containsExactly(new InvalidTacticalSegment.Problem("rule", "the rule has 10001 characters; at most 10000 are allowed"));
    }

    @Test
    void aHypothesisHasTwoThousandCharactersAtMost() {
        assertThat(new TacticalSegment("n", "at_risk", "frequency > 1", "h".repeat(2000), TacticalStatus.ACTIVE).hypothesis()).hasSize(2000);
        assertThat(refusal("n", "frequency > 1", "h".repeat(2001)).problems())
                .containsExactly(new InvalidTacticalSegment.Problem("hypothesis", "the hypothesis has 2001 characters; at most 2000 are allowed"));
    }

    @Test
    void controlCharactersInTheNameOrHypothesisAreRefusedNamingTheField() {
        assertThat(refusal("TV\u0002", "frequency > 1", "why\u0003").problems()).extracting(InvalidTacticalSegment.Problem::field)
                .containsExactly("name", "hypothesis");
    }
}
