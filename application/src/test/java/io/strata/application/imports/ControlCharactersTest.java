package io.strata.application.imports;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What imported values and names may not hold: control characters (but tab and line breaks) and half characters. */
class ControlCharactersTest {

    @Test
    void halfACharacterIsRefusedInValuesAndNamesWhereItStands() {
        assertThat(ControlCharacters.firstRefusedInValue("C\ud800")).isEqualTo(1);
        assertThat(ControlCharacters.firstRefusedInValue("\udc00x")).isZero();
        assertThat(ControlCharacters.firstRefusedInValue("\ud83d\ud83d\ude00")).isZero();
        assertThat(ControlCharacters.firstRefusedInValue("ok\ud83d")).isEqualTo(2);
        assertThat(ControlCharacters.firstRefusedInName("id\udfff")).isEqualTo(2);
    }

    @Test
    void wholeCharactersOfTwoHalvesAndTheKeptControlsPass() {
        assertThat(ControlCharacters.firstRefusedInValue("\ud83d\ude00 caf\u00e9\t\r\n\ud83d\ude00")).isEqualTo(-1);
        assertThat(ControlCharacters.firstRefusedInName("col\ud83d\ude00\tx")).isEqualTo(-1);
        assertThat(ControlCharacters.firstRefusedInValue("a\u0001")).isEqualTo(1);
    }

    @Test
    void theMessageSaysWhatTheRefusedCharacterIsAndWhere() {
        assertThat(ControlCharacters.refused("C\ud800", 1)).isEqualTo("U+D800 at character 2, half of a character whose other half is"
                + " missing (a JSON escape such as \\ud800 alone), which is no text");
        assertThat(ControlCharacters.refused("ab\u0000", 2)).isEqualTo("the control character U+0000 at character 3");
        assertThat(ControlCharacters.visible("a\ud800\ud83d\ude00\u0001")).isEqualTo("a\\ud800\ud83d\ude00\\u0001");
    }

    @Test
    void positionsAreCountedInCharacters() {
        // Two emoji of two UTF-16 units each, then NUL: the NUL is the third character (its UTF-16 index is 4).
        String cell = "\ud83d\ude00\ud83d\ude00\u0000";
        assertThat(ControlCharacters.firstRefusedInValue(cell)).isEqualTo(4);
        assertThat(ControlCharacters.refused(cell, 4)).isEqualTo("the control character U+0000 at character 3");
        // An emoji, then half a character: the half is the second character (its UTF-16 index is 2).
        String name = "\ud83d\ude00\udc00id";
        assertThat(ControlCharacters.firstRefusedInName(name)).isEqualTo(2);
        assertThat(ControlCharacters.refused(name, 2)).startsWith("U+DC00 at character 2, half of a character");
        // Half a character after half a character: each half counts as one character.
        assertThat(ControlCharacters.refused("\ud83d\ud83d\ude00\u0007", 3)).isEqualTo("the control character U+0007 at character 3");
    }
}
