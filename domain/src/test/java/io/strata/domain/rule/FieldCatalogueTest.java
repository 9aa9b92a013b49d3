package io.strata.domain.rule;

import io.strata.domain.customer.FieldType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FieldCatalogueTest {

    static final FieldCatalogue CATALOGUE = new FieldCatalogue(
            Map.of("device", FieldType.TEXT, "vip_level", FieldType.NUMBER, "frequency", FieldType.TEXT),
            Map.of("session", Set.of("ip", "page"), "email_open", Set.of()));

    static RuleValidationError errorOf(String text) {
        return catchThrowableOfType(() -> CATALOGUE.check(text), RuleValidationError.class);
    }

    @Test
    void anUnknownFieldIsReportedWithTheNearestKnownNames() {
        RuleValidationError error = errorOf("monetary > 1 and frequncy >= 3");
        assertThat(error.problems()).hasSize(1);
        assertThat(error.problems().get(0).position()).isEqualTo(new Position(17, 1, 18));
        assertThat(error.getMessage()).isEqualTo("line 1, column 18: unknown field 'frequncy'; did you mean frequency?");
        assertThat(errorOf("cuntry = \"x\"").getMessage()).endsWith("did you mean country or city?");
        assertThat(errorOf("zzzzzzzz = 1").getMessage()).isEqualTo("line 1, column 1: unknown field 'zzzzzzzz'");
        assertThat(errorOf("fm = 1").getMessage()).contains("did you mean f or m?");
    }

    @Test
    void anUnknownOrderLineFieldListsTheLineFields() {
        assertThat(errorOf("count(orders where categry = \"kids\") > 0").getMessage())
                .isEqualTo("line 1, column 20: unknown order line field 'categry'; did you mean category?; "
                        + "order lines have category, sku, channel, amount or quantity");
    }

    @Test
    void valuesOfTheWrongTypeAreReportedAtTheValue() {
        assertThat(errorOf("frequency = \"x\"").getMessage())
                .isEqualTo("line 1, column 13: frequency is a number; compare it with a number, e.g. 3, not \"x\"");
        assertThat(errorOf("email_opt_in = \"true\"").getMessage()).contains("email_opt_in is true or false");
        assertThat(errorOf("birth_date > \"1990-02-30\"").getMessage())
                .contains("\"1990-02-30\" is not a date; write it as \"YYYY-MM-DD\"");
        assertThat(errorOf("count(orders) = \"1\"").getMessage()).contains("count(…) is a number");
    }

    @Test
    void orderingOperatorsOnTextOrBooleansAreReportedAtTheOperator() {
        assertThat(errorOf("city > 3").getMessage())
                .isEqualTo("line 1, column 6: '>' compares numbers and dates, but city is text; use =, !=, in, contains or starts_with");
        assertThat(errorOf("email_opt_in between true and false").getMessage()).contains("use = or !=");
        assertThat(errorOf("frequency before 3 days ago").getMessage()).contains("'before' compares dates");
        assertThat(errorOf("frequency contains \"1\"").getMessage()).contains("'contains' reads text");
        assertThat(errorOf("email_opt_in in (true)").getMessage()).contains("use = or !=");
        assertThat(errorOf("sum(orders.category) > 1").getMessage()).contains("sum needs a number, but category is text");
        assertThat(errorOf("count(events \"session\" where ip > \"a\") > 1").getMessage()).contains("as a number");
        assertThat(errorOf("count(events \"session\" where ip in (\"a\", 1)) > 1").getMessage()).contains("mixes text and numbers");
    }

    @Test
    void everyProblemOfARuleIsReportedAtOnce() {
        assertThat(errorOf("frequncy > 1 or city > 3 or phone = 4").problems()).hasSize(3);
    }

    @Test
    void builtInNamesWinOverCustomAttributesOfTheSameName() {
        assertThat(CATALOGUE.attributes()).containsOnlyKeys("device", "vip_level");
        assertThat(CATALOGUE.customerField("frequency")).contains(PurchaseMetric.FREQUENCY);
    }

    @Test
    void eventTypesAndPropertiesNotSeenYetAreNoticesNotErrors() {
        CheckedRule rule = CATALOGUE.check("count(events \"email_opn\") = 0 and distinct(events \"session\".ipp) > 1");
        assertThat(rule.notices()).extracting(RuleProblem::toString).containsExactly(
                "line 1, column 1: no event of type \"email_opn\" has been imported so far; did you mean email_open?",
                "line 1, column 35: no \"session\" event so far has a property 'ipp'; did you mean ip?");
    }

    @Test
    void completionOffersKnownNamesForAPrefix() {
        assertThat(CATALOGUE.complete("c")).containsExactly("categories", "city", "country", "customer_id", "count(");
        assertThat(CATALOGUE.complete("vi")).containsExactly("vip_level");
        assertThat(CATALOGUE.completeOrderLineFields("c")).containsExactly("category", "channel");
        assertThat(CATALOGUE.completeEventTypes("")).containsExactly("email_open", "session");
        assertThat(CATALOGUE.completeEventProperties("session", "p")).containsExactly("page");
    }
}
