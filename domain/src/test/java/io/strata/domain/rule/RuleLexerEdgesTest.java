package io.strata.domain.rule;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The lexer at the ends of the text and of its limits: a rule error there, never another exception. */
class RuleLexerEdgesTest {

    private static RuleSyntaxError errorOf(String text) {
        return catchThrowableOfType(() -> Rule.parse(text), RuleSyntaxError.class);
    }

    @Test
    void aMinusAtTheEndOfTheRuleIsAnUnexpectedCharacter() {
        RuleSyntaxError error = errorOf("frequency > -");

        assertThat(error).isNotNull();
        assertThat(error.column()).isEqualTo(13);
        assertThat(error.found()).isEqualTo("-");
    }

    @Test
    void aMinusBeforeADigitStartsANegativeNumber() {
        assertThat(Rule.parse("frequency > -3").toText()).isEqualTo("frequency > -3");
    }

    @Test
    void anExclamationMarkAtTheEndOfTheRuleStandsAlone() {
        RuleSyntaxError error = errorOf("frequency !");

        assertThat(error).isNotNull();
        assertThat(error.column()).isEqualTo(11);
        assertThat(error.getMessage()).endsWith("'!' stands alone; write != for 'not equal' or not (…) to negate");
    }

    @Test
    void aNameOfTwoHundredCharactersIsReadAndOneMoreIsRefused() {
        String longest = "a".repeat(200);

        assertThat(Rule.parse(longest + " = 1").toText()).isEqualTo(longest + " = 1");
        RuleSyntaxError error = errorOf(longest + "a = 1");
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).endsWith("a name has at most 200 characters");
        assertThat(error.column()).isEqualTo(1);
    }

    @Test
    void aQuotedNameEndsAtItsClosingBacktickEvenWhenALaterLineFollows() {
        Rule rule = Rule.parse("`utm-source` = \"mail\"\nand frequency > 1");

        assertThat(rule.toText()).isEqualTo("`utm-source` = \"mail\" and frequency > 1");
    }

    @Test
    void aQuotedNameBrokenByALineIsNeverClosed() {
        RuleSyntaxError error = errorOf("`utm\n-source` = \"mail\"");

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).endsWith("this quoted name is never closed; end it with `");
        assertThat(error.line()).isEqualTo(1);
        assertThat(error.column()).isEqualTo(1);
    }

    @Test
    void positionsCountLinesAndColumnsAcrossLineBreaks() {
        RuleSyntaxError error = errorOf("frequency > 1\nand\n  city ! \"Riga\"");

        assertThat(error).isNotNull();
        assertThat(error.line()).isEqualTo(3);
        assertThat(error.column()).isEqualTo(8);
    }
}
