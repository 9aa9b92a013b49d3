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
}
