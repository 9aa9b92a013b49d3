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

    @Test
    void aNumberEndingInAPointLeavesThePointAsItsOwnToken() {
        RuleSyntaxError error = errorOf("frequency > 3.");

        assertThat(error).isNotNull();
        assertThat(error.found()).isEqualTo(".");
        assertThat(Rule.parse("monetary > 3.5").toText()).isEqualTo("monetary > 3.5");
    }

    @Test
    void aTextEndingInABackslashEndsInsideAnEscape() {
        RuleSyntaxError error = errorOf("city = \"abc\\");

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).endsWith("the text ends inside an escape; close it with \"");
    }

    @Test
    void aUnicodeEscapeMayEndTheText() {
        // four hex digits right at the end are read; what is missing is the closing quote
        RuleSyntaxError error = errorOf("city = \"x\\u00e9");

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).endsWith("this text is never closed; end it with \"");
        assertThat(Rule.parse("city = \"Caf\\u00e9\"").toText()).isEqualTo("city = \"Café\"");
    }

    @Test
    void anUnknownEscapeIsQuotedAsWrittenAndControlCharactersAsEscapes() {
        assertThat(errorOf("city = \"a\\ b\"").getMessage()).contains("unknown escape '\\ '");
        assertThat(errorOf("city = \"a\" \u007f").getMessage()).contains("unexpected character '\\u007f'");
    }

    @Test
    void namesStartWithALetterOfEitherCaseOrAnUnderscore() {
        for (String name : new String[]{"a1", "z", "A", "Z", "_x"}) {
            assertThat(Rule.parse(name + " = 1").toText()).as(name).isEqualTo(name + " = 1");
        }
        assertThat(errorOf("1a = 1")).isNotNull();
    }
}
