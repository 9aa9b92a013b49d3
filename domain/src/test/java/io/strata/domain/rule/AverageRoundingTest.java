package io.strata.domain.rule;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Averages in rules are kept to 4 places and rounded half-up, away from zero on a tie: the customers of
 * {@link RoundingTies} put their averages exactly on ties, and the members below are worked out by hand.
 */
class AverageRoundingTest {

    @ParameterizedTest(name = "{0} selects [{1}]")
    @CsvSource(delimiter = '|', value = {
            "avg(orders.amount) = 0.0003           | no-tie tie-up",
            "avg(orders.amount) = 0.0002           | tie-odd",
            "avg(orders.amount) = -0.0003          | tie-negative",
            "avg(orders.amount) = -0.0002          | ''",
            "avg(orders.amount) >= 0.0003          | no-tie tie-up",
            "avg(events \"session\".minutes) = 0.0003  | no-tie tie-up",
            "avg(events \"session\".minutes) = -0.0003 | tie-negative",
            "avg_order_value = 0.0003              | no-tie tie-up",
            "avg_order_value = 0.0002              | tie-odd",
            "avg_order_value is null               | tie-negative"})
    void anAverageOnATieRoundsHalfUp(String rule, String members) {
        CheckedRule checked = RuleArbitraries.CATALOGUE.check(rule);

        List<String> matched = RoundingTies.customers().stream().filter(checked::matches).map(s -> s.history().id().value()).sorted()
                .toList();

        assertThat(matched).isEqualTo(Arrays.stream(members.split(" ")).filter(m -> !m.isEmpty()).sorted().toList());
    }
}
