package io.strata.domain.rule;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RuleSyntaxErrorTest {

    static RuleSyntaxError errorOf(String text) {
        return catchThrowableOfType(() -> Rule.parse(text), RuleSyntaxError.class);
    }

    @Test
    void aMissingValueIsReportedAtTheEndOfTheRule() {
        RuleSyntaxError error = errorOf("frequency >= ");
        assertThat(error.getMessage()).isEqualTo("line 1, column 14: expected a value (\"text\", a number, true, false "
                + "or N days ago) after '>=' but found end of rule");
        assertThat(error.found()).isEqualTo("end of rule");
        assertThat(error.expected()).startsWith("a value");
    }

    @Test
    void aMissingClosingParenthesisNamesTheOpeningOne() {
        RuleSyntaxError error = errorOf("frequency > 1 and (city = \"Riga\"");
        assertThat(error.line()).isEqualTo(1);
        assertThat(error.column()).isEqualTo(33);
        assertThat(error.getMessage()).contains("expected ')' to close the '(' at line 1, column 19");
    }

    @Test
    void trailingTokensAreReported() {
        RuleSyntaxError error = errorOf("frequency >= 3 3");
        assertThat(error.column()).isEqualTo(16);
        assertThat(error.found()).isEqualTo("3");
        assertThat(error.getMessage()).contains("expected 'and', 'or' or the end of the rule after '3' but found '3'");
    }

    @Test
    void aNulWrittenAsAnEscapeInATextIsRefusedWhereTheEscapeStands() {
        RuleSyntaxError error = errorOf("city = \"ab\\u0000\"");
        assertThat(error.line()).isEqualTo(1);
        assertThat(error.column()).isEqualTo(11);
        assertThat(error.found()).isEqualTo("\\u0000");
        assertThat(error.getMessage()).contains("text may not hold the control character U+0000");
    }

    @Test
    void aRawControlCharacterInATextIsRefusedButTabsAndLineBreakEscapesAreFine() {
        RuleSyntaxError error = errorOf("city = \"a\u0001\"");
        assertThat(error.column()).isEqualTo(10);
        assertThat(error.getMessage()).contains("U+0001");
        assertThat(errorOf("city = \"a\u0000\"").getMessage()).contains("U+0000");
        assertThat(errorOf("city = \"a\\u001f\"").getMessage()).contains("U+001F");
        assertThat(errorOf("city = \"tab\tand\\n line \\r\\t\\u0009\"")).isNull();
    }

    @Test
    void anUnterminatedStringIsReportedWhereItStarts() {
        RuleSyntaxError error = errorOf("city = \"Paris");
        assertThat(error.column()).isEqualTo(8);
        assertThat(error.getMessage()).contains("never closed");
    }

    @Test
    void badLiteralsAreReportedWhereTheyStart() {
        assertThat(errorOf("frequency = 3x").column()).isEqualTo(13);
        assertThat(errorOf("frequency = 3x").getMessage()).contains("'3x' is not a number");
        assertThat(errorOf("city = \"a\\qb\"").column()).isEqualTo(10);
        assertThat(errorOf("city = \"a\\qb\"").getMessage()).contains("unknown escape '\\q'");
        assertThat(errorOf("city = \"\\u12\"").getMessage()).contains("four hex digits");
        assertThat(errorOf("city = Paris").getMessage()).contains("expected a value");
        assertThat(errorOf("frequency == 3").column()).isEqualTo(12);
    }

    /** Typed text and imports refuse half a character (ControlCharacters, PlainText); a rule's text did not (session 49). */
    @Test
    void halfACharacterInATextIsRefusedWhereItStands() {
        RuleSyntaxError escaped = errorOf("city = \"a\\uD800b\"");
        assertThat(escaped.column()).isEqualTo(10);
        assertThat(escaped.found()).isEqualTo("\\uD800");
        assertThat(escaped.getMessage()).isEqualTo("line 1, column 10: text may not hold half a character: \\uD800 is U+D800, the first "
                + "half of a UTF-16 pair whose other half is missing; write the whole character (e.g. \\uD83D\\uDCFA for \uD83D\uDCFA) "
                + "or the character itself");
        assertThat(errorOf("city = \"\\uDCFA\"").getMessage()).contains("column 9", "U+DCFA, the second half");
        assertThat(errorOf("city = \"\\uD83D\\n\"").column()).isEqualTo(9);
        // sent as JSON's own escape, the half arrives in the rule's text itself
        assertThat(errorOf("city = \"x\uD800\"").getMessage()).contains("column 10", "U+D800, the first half");
        assertThat(errorOf("device in (\"tv\", \"\uDCFA\")").column()).isEqualTo(19);

        // whole characters, written or escaped, still parse
        String tv = "\uD83D\uDCFA";
        String high = "\\" + "uD83D";
        String low = "\\" + "uDCFA";
        for (String whole : new String[] {tv, high + low, high + tv.charAt(1), tv.charAt(0) + low}) {
            Rule rule = Rule.parse("city = \"" + whole + "\"");
            assertThat(((Value.Text) ((Condition.Comparison) rule.condition()).value()).text()).as(whole).isEqualTo(tv);
        }
    }

    @Test
    void positionsCountLinesAndColumnsFromOne() {
        RuleSyntaxError error = errorOf("city = \"Riga\"\nand frequency >");
        assertThat(error.line()).isEqualTo(2);
        assertThat(error.column()).isEqualTo(16);
    }

    @Test
    void unknownCharactersAndStrayOperatorsAreNamed() {
        assertThat(errorOf("city = \"x\"; drop table customers").getMessage())
                .startsWith("line 1, column 11: unexpected character ';'");
        assertThat(errorOf("frequency > 1 -- comment").getMessage()).contains("unexpected character '-'");
        assertThat(errorOf("frequency ! 1").getMessage()).contains("'!' stands alone");
        assertThat(errorOf("").getMessage()).isEqualTo("line 1, column 1: the rule is empty; write a condition such as frequency >= 3");
    }

    @Test
    void keywordsCannotBeBareFieldNames() {
        RuleSyntaxError error = errorOf("and = 3");
        assertThat(error.column()).isEqualTo(1);
        assertThat(error.getMessage()).contains("write `and`");
    }

    @Test
    void aggregatesMustBeWellFormed() {
        assertThat(errorOf("count(orders.sku) > 1").getMessage()).contains("distinct(….sku)");
        assertThat(errorOf("sum(orders) > 1").getMessage()).contains("expected '.' and a field, e.g. sum(orders.amount)");
        assertThat(errorOf("count(orders within 3) > 1").getMessage()).contains("expected 'days'");
        assertThat(errorOf("count(orders within 1.5 days) > 1").getMessage()).contains("whole number from 0 to 100000");
        assertThat(errorOf("count(events \"Email Open\") > 1").column()).isEqualTo(14);
        assertThat(errorOf("count(orders where count(orders) > 1) > 1").column()).isEqualTo(20);
        assertThat(errorOf("count(customers) > 1").getMessage()).contains("expected orders or events \"<type>\"");
    }

    @Test
    void deepNestingIsAPositionedErrorNotAStackOverflow() {
        RuleSyntaxError parentheses = errorOf("(".repeat(10_000));
        assertThat(parentheses.column()).isEqualTo(Rule.MAX_DEPTH + 1);
        assertThat(parentheses.getMessage()).contains("nested more than 64 levels");
        assertThat(errorOf("not ".repeat(2_000) + "a = 1").column()).isEqualTo(4 * Rule.MAX_DEPTH + 1);
        String sixtyFour = "(".repeat(64) + "a = 1" + ")".repeat(64);
        assertThat(Rule.parse(sixtyFour).toText()).isEqualTo("a = 1");
    }

    @Test
    void tooLongRulesAndListsAreRefused() {
        RuleSyntaxError tooLong = errorOf("a = \"" + "x".repeat(Rule.MAX_LENGTH) + "\"");
        assertThat(tooLong.column()).isEqualTo(Rule.MAX_LENGTH + 1);
        assertThat(tooLong.getMessage()).contains("at most 10000 characters");
        String values = "1, ".repeat(Rule.MAX_IN_VALUES) + "1";
        RuleSyntaxError tooMany = errorOf("a in (" + values + ")");
        assertThat(tooMany.column()).isEqualTo(7 + 3 * Rule.MAX_IN_VALUES);
        assertThat(tooMany.getMessage()).contains("at most 1000 values");
        assertThat(Rule.parse("a in (" + "1, ".repeat(Rule.MAX_IN_VALUES - 1) + "1)").toText()).startsWith("a in (1, 1");
    }
}
