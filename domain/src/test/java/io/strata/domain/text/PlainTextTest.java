package io.strata.domain.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PlainTextTest {

    @Test
    void textWithTabsAndLineBreaksIsPlain() {
        assertThat(PlainText.refusal("the name", "Win back\tat risk\r\nsecond line")).isEmpty();
        assertThat(PlainText.refusal("the name", null)).isEmpty();
        assertThat(PlainText.refusal("the name", "")).isEmpty();
    }

    @Test
    void aNulIsRefusedNamingTheFieldThePositionAndTheCode() {
        assertThat(PlainText.refusal("the name", "n\u0000ul")).contains("the name holds the control character U+0000 at character 2;"
                + " remove it (text may hold tabs and line breaks, but no other control characters)");
    }

    @Test
    void everyOtherC0ControlIsRefusedAndTheFirstPrintableCharacterIsNot() {
        for (char c = 0; c < 0x20; c++) {
            boolean kept = c == '\t' || c == '\n' || c == '\r';
            assertThat(PlainText.refusal("x", "a" + c)).as("U+%04X", (int) c).isEqualTo(kept ? java.util.Optional.empty()
                    : java.util.Optional.of("x holds the control character " + String.format("U+%04X", (int) c)
                    + " at character 2; remove it (text may hold tabs and line breaks, but no other control characters)"));
        }
        assertThat(PlainText.refusal("x", "a\u0020\u007f\u00e9")).isEmpty();
    }

    @Test
    void halfACharacterIsRefusedAndAWholeOneOfTwoHalvesIsNot() {
        assertThat(PlainText.refusal("the name", "ab\ud800")).contains("the name holds U+D800 at character 3, half of a character whose"
                + " other half is missing (a JSON escape such as \\ud800 alone); remove it, or write the whole character");
        // a low half first, or a high half followed by anything but a low one
        assertThat(PlainText.refusal("x", "\udc00\ud800")).hasValueSatisfying(m -> assertThat(m).startsWith("x holds U+DC00 at character 1,"));
        assertThat(PlainText.refusal("x", "\ud83d\ud83d\ude00")).hasValueSatisfying(m -> assertThat(m).startsWith("x holds U+D83D at character 1,"));
        // U+1F600 (two halves, one character), before and after other text
        assertThat(PlainText.refusal("x", "smile \ud83d\ude00 ok \ud83d\ude00")).isEmpty();
    }

    /** A position is counted in characters, as the bounds are: after two emoji a NUL is the third character, not the fifth unit. */
    @Test
    void positionsAreCountedInCharacters() {
        assertThat(PlainText.refusal("the name", "\ud83d\ude00\ud83d\ude00\u0000")).hasValueSatisfying(m -> assertThat(m)
                .startsWith("the name holds the control character U+0000 at character 3;"));
        assertThat(PlainText.refusal("x", "\ud83d\ude00a\udc00")).hasValueSatisfying(m -> assertThat(m).startsWith("x holds U+DC00 at character 3,"));
    }
}
