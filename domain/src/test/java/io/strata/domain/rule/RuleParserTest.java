package io.strata.domain.rule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RuleParserTest {

    static Operand.Field field(String name) {
        return new Operand.Field(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "device = \"smart_tv\"",
            "city in (\"Paris\", \"Riga\")",
            "frequency >= 3",
            "monetary between 100 and 500",
            "email_opt_in = true",
            "count(orders where category = \"kids\" within 180 days) >= 1",
            "count(events \"email_open\" within 90 days) = 0",
            "distinct(events \"session\".ip within 30 days) >= 3",
            "sum(orders.amount where channel = \"web\" within 365 days) > 200",
            "signup_date before 365 days ago",
            "birth_date after \"1990-01-01\"",
            "email contains \"@gmail.\"",
            "city starts_with \"Ri\"",
            "phone is null",
            "region is not null",
            "country not in (\"DE\", \"FR\")",
            "not (device = \"web\")",
            "frequency >= 3 and (city = \"Paris\" or monetary > -12.50)"})
    void theContractsFormsParseAndPrintBackAsWritten(String text) {
        Rule rule = Rule.parse(text);
        assertThat(rule.toText()).isEqualTo(text);
        assertThat(Rule.parse(rule.toText())).isEqualTo(rule);
    }

    @Test
    void keywordsAreCaseInsensitiveAndPrintInLowerCase() {
        Rule rule = Rule.parse("COUNT(Orders WHERE category = \"kids\" WITHIN 180 Days) >= 1 AND NOT phone IS NOT NULL");
        assertThat(rule.toText()).isEqualTo("count(orders where category = \"kids\" within 180 days) >= 1 and not (phone is not null)");
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        assertThat(Rule.parse("not a = 1 and b = 1").toText()).isEqualTo("not (a = 1) and b = 1");
        Condition a = new Condition.Comparison(field("a"), Operator.EQUALS, new Value.Decimal(BigDecimal.ONE));
        Condition b = new Condition.Comparison(field("b"), Operator.EQUALS, new Value.Decimal(BigDecimal.ONE));
        Condition c = new Condition.Comparison(field("c"), Operator.EQUALS, new Value.Decimal(BigDecimal.ONE));
        assertThat(Rule.parse("not a = 1 and b = 1 or c = 1").condition()).isEqualTo(new Condition.AnyOf(List.of(
                new Condition.AllOf(List.of(new Condition.Not(a), b)), c)));
        assertThat(Rule.parse("a = 1 or b = 1 and c = 1").condition()).isEqualTo(new Condition.AnyOf(List.of(
                a, new Condition.AllOf(List.of(b, c)))));
    }

    @Test
    void parenthesesThatTheTreeNeedsAreKeptAndRedundantOnesDropped() {
        assertThat(Rule.parse("((a = 1)) and (b = 1 or c = 1)").toText()).isEqualTo("a = 1 and (b = 1 or c = 1)");
        assertThat(Rule.parse("(a = 1 and b = 1) and c = 1").toText()).isEqualTo("(a = 1 and b = 1) and c = 1");
        assertThat(Rule.parse("not not (a = 1 or b = 1)").toText()).isEqualTo("not (not (a = 1 or b = 1))");
    }

    @Test
    void stringEscapesAreDecodedAndPrintedBack() {
        Rule rule = Rule.parse("note = \"say \\\"hi\\\"\\\\ \\n\\t\\u00e9 ✓\"");
        Condition.Comparison comparison = (Condition.Comparison) rule.condition();
        assertThat(comparison.value()).isEqualTo(new Value.Text("say \"hi\"\\ \n\té ✓"));
        assertThat(rule.toText()).isEqualTo("note = \"say \\\"hi\\\"\\\\ \\n\\té ✓\"");
    }

    @Test
    void keywordsAndOddNamesCanBeFieldsInBackticks() {
        Rule rule = Rule.parse("`and` = \"x\" and count(events \"page.view\" where `utm-source` = \"mail\") > 0");
        assertThat(rule.toText()).isEqualTo("`and` = \"x\" and count(events \"page.view\" where `utm-source` = \"mail\") > 0");
        assertThat(Rule.parse("count = 3").condition())
                .isEqualTo(new Condition.Comparison(field("count"), Operator.EQUALS, new Value.Decimal(new BigDecimal("3"))));
    }

    @Test
    void daysAgoAndNumbersAreValues() {
        Condition.Between between = (Condition.Between) Rule.parse("signup_date between 30 days ago and 0 DAYS AGO").condition();
        assertThat(between.low()).isEqualTo(new Value.DaysAgo(30));
        assertThat(between.high()).isEqualTo(new Value.DaysAgo(0));
        assertThat(((Condition.Comparison) Rule.parse("monetary > -0.50").condition()).value())
                .isEqualTo(new Value.Decimal(new BigDecimal("-0.50")));
    }

    @Test
    void theParserRemembersWhereEachPartWasWritten() {
        Rule rule = Rule.parse("frequency >= 3 and\n  city = \"Riga\"");
        Condition.Comparison city = (Condition.Comparison) ((Condition.AllOf) rule.condition()).parts().get(1);
        assertThat(rule.positionOf(city.operand())).contains(new Position(21, 2, 3));
        assertThat(rule.positionOf(city.value())).contains(new Position(28, 2, 10));
    }
}
