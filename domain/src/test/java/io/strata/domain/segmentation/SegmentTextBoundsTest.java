package io.strata.domain.segmentation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A segment's name, description and goal are bounded in characters (code points), as every text a person gives Strata:
 * until session 61 the name and the description took a megabyte and stored it. Oracles: the bounds written out here
 * (200, 2000, 500), at the bound in emoji (two UTF-16 units each) and one past it.
 */
class SegmentTextBoundsTest {

    /** U+1F600: one character, two chars in Java. */
    private static final String EMOJI = Character.toString(0x1F600);

    private static Segment segment(String name, String description, String goal) {
        return new Segment("loyal", name, 1, description, goal);
    }

    @Test
    void aNameHas200CharactersAtMost() {
        assertThat(segment(EMOJI.repeat(200), null, null).name()).isEqualTo(EMOJI.repeat(200));
        assertThatThrownBy(() -> segment(EMOJI.repeat(201), null, null)).isInstanceOf(InvalidSegmentation.class)
                .hasMessage("the name of segment loyal has 201 characters; at most 200 are allowed")
                .extracting("field").isEqualTo("segments.loyal.name");
        assertThatThrownBy(() -> segment("n".repeat(201), null, null)).hasMessage("the name of segment loyal has 201 characters; at most 200 are allowed");
    }

    @Test
    void aDescriptionHas2000CharactersAtMost() {
        assertThat(segment("Loyal", EMOJI.repeat(2000), null).description()).isEqualTo(EMOJI.repeat(2000));
        assertThatThrownBy(() -> segment("Loyal", EMOJI.repeat(2001), null)).isInstanceOf(InvalidSegmentation.class)
                .hasMessage("the description of segment loyal has 2001 characters; at most 2000 are allowed")
                .extracting("field").isEqualTo("segments.loyal.description");
    }

    @Test
    void aGoalHas500CharactersAtMost() {
        assertThat(segment("Loyal", null, EMOJI.repeat(500)).goal()).isEqualTo(EMOJI.repeat(500));
        assertThatThrownBy(() -> segment("Loyal", null, EMOJI.repeat(501))).isInstanceOf(InvalidSegmentation.class)
                .hasMessage("the goal of segment loyal has 501 characters; at most 500 are allowed")
                .extracting("field").isEqualTo("segments.loyal.goal");
    }

    @Test
    void aMegabyteIsRefusedByItsLengthNotByWhatItHolds() {
        String megabyte = "\u0007".repeat(1024 * 1024);
        assertThatThrownBy(() -> segment(megabyte, null, null)).hasMessage("the name of segment loyal has 1048576 characters; at most 200 are allowed");
    }

    @Test
    void aSegmentationNameIsRefusedNamingItsField() {
        Segment only = segment("Loyal", null, null);
        assertThatThrownBy(() -> new GeneralSegmentation(EMOJI.repeat(201), null, java.util.List.of(only))).isInstanceOf(InvalidSegmentation.class)
                .hasMessage("the name has 201 characters; at most 200 are allowed").extracting("field").isEqualTo("name");
    }
}
