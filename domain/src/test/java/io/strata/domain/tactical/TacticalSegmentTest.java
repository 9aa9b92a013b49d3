package io.strata.domain.tactical;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TacticalSegmentTest {

    @Test
    void aValidSegmentKeepsItsFieldsStripped() {
        TacticalSegment segment = new TacticalSegment("  Paris TV  ", "at_risk", "city = \"Paris\"", " why ", TacticalStatus.ACTIVE);

        assertThat(segment.name()).isEqualTo("Paris TV");
        assertThat(segment.hypothesis()).isEqualTo("why");
    }

    @Test
    void everyWrongFieldIsReportedAtOnceInFieldOrder() {
        InvalidTacticalSegment invalid = catchThrowableOfType(InvalidTacticalSegment.class,
                () -> new TacticalSegment(" ", "Not A Key", "   ", "h".repeat(2001), TacticalStatus.ACTIVE));

        assertThat(invalid.problems()).extracting(InvalidTacticalSegment.Problem::field)
                .containsExactly("name", "parentSegment", "rule", "hypothesis");
        assertThat(invalid.field()).isEqualTo("name");
        assertThat(invalid.getMessage()).contains("needs a name").contains("got 'Not A Key'").contains("needs a rule")
                .contains("the hypothesis has 2001 characters; at most 2000 are allowed");
    }

    /** A body without parentSegment is told what to send, not "got 'null'" (session 51). */
    @Test
    void aMissingParentSegmentIsAskedFor() {
        for (String missing : new String[] {null, "", "  "}) {
            InvalidTacticalSegment invalid = catchThrowableOfType(InvalidTacticalSegment.class,
                    () -> new TacticalSegment("ok", missing, "frequency >= 1", null, TacticalStatus.ACTIVE));

            assertThat(invalid.problems()).singleElement().satisfies(p -> {
                assertThat(p.field()).isEqualTo("parentSegment");
                assertThat(p.message()).isEqualTo("a tactical segment needs a parentSegment: the key of the general segment it lies in, e.g. at_risk");
            });
        }
    }

    @Test
    void aSingleWrongFieldIsTheOnlyProblem() {
        InvalidTacticalSegment invalid = catchThrowableOfType(InvalidTacticalSegment.class,
                () -> new TacticalSegment("ok", "at_risk", "x".repeat(io.strata.domain.rule.Rule.MAX_LENGTH + 1), null, TacticalStatus.ACTIVE));

        assertThat(invalid.problems()).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo("rule");
            assertThat(p.message()).contains("at most " + io.strata.domain.rule.Rule.MAX_LENGTH);
        });
    }

    @Test
    void aProblemListCannotBeEmpty() {
        assertThatThrownBy(() -> new InvalidTacticalSegment(java.util.List.of())).isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(InvalidTacticalSegment.class);
    }
}
