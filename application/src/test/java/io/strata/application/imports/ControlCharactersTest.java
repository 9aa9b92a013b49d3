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
}
