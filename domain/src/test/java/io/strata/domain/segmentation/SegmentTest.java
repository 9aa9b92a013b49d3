package io.strata.domain.segmentation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A segment's key, rank, texts and goal at the edges of what they accept. */
class SegmentTest {

    @Test
    void aKeyHasSixtyThreeCharactersAtMost() {
        String longest = "k".repeat(63);
        assertThat(new Segment(longest, "K", 1, null, null).key()).isEqualTo(longest);
        assertThatThrownBy(() -> new Segment(longest + "k", "K", 1, null, null)).isInstanceOf(InvalidSegmentation.class)
                .hasMessage("segment key '" + longest + "k' is not allowed; use lower-case letters, digits and _, starting with a letter "
                        + "(at most 63 characters), e.g. loyal_customers");
    }

    @Test
    void ranksStartAtOne() {
        assertThat(new Segment("low", "Low", 1, null, null).rank()).isEqualTo(1);
        assertThatThrownBy(() -> new Segment("low", "Low", 0, null, null)).isInstanceOf(InvalidSegmentation.class)
                .hasMessage("segment low has rank 0; ranks start at 1 for the least valuable segment");
    }

    @Test
    void theNameDescriptionAndGoalAreRefusedWithAControlCharacterEachNamedAsItself() {
        assertThatThrownBy(() -> new Segment("low", "Lo\u0001w", 1, null, null)).isInstanceOf(InvalidSegmentation.class)
                .hasMessageStartingWith("the name of segment low holds the control character U+0001");
        assertThatThrownBy(() -> new Segment("low", "Low", 1, "d\u0002", null)).isInstanceOf(InvalidSegmentation.class)
                .hasMessageStartingWith("the description of segment low holds the control character U+0002");
        assertThatThrownBy(() -> new Segment("low", "Low", 1, null, "g\u0003")).isInstanceOf(InvalidSegmentation.class)
                .hasMessageStartingWith("the goal of segment low holds the control character U+0003");
    }

    @Test
    void aGoalHasFiveHundredCharactersAtMostAndAbsentTextsAreEmpty() {
        Segment segment = new Segment("low", "Low", 1, null, "g".repeat(500));
        assertThat(segment.goal()).hasSize(500);
        assertThat(segment.description()).isEmpty();
        assertThat(new Segment("low", "Low", 1, null, null).goal()).isEmpty();
        assertThatThrownBy(() -> new Segment("low", "Low", 1, null, "g".repeat(501))).isInstanceOf(InvalidSegmentation.class)
                .hasMessage("the goal of segment low has 501 characters; at most 500 are allowed");
    }
}
