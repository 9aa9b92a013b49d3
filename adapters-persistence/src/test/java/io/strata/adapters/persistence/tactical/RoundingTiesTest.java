package io.strata.adapters.persistence.tactical;

import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.RoundingTies;
import io.strata.domain.rule.RuleArbitraries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL rounds the averages of rules as the contract says: half-up, away from zero on a tie, to 4 places. The
 * customers of {@link RoundingTies} put their averages exactly on ties; the members below are worked out by hand
 * (the same as the reference's in the domain's AverageRoundingTest).
 */
class RoundingTiesTest {

    @BeforeEach
    void load() throws SQLException {
        RuleSubjectRows.load(RoundingTies.customers(), RoundingTies.AS_OF);
    }

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
    void anAverageOnATieRoundsHalfUpInSql(String rule, String members) throws SQLException {
        CheckedRule checked = RuleArbitraries.CATALOGUE.check(rule);

        List<String> selected = RuleSubjectRows.members(checked, RoundingTies.AS_OF).stream().sorted().toList();

        assertThat(selected).isEqualTo(Arrays.stream(members.split(" ")).filter(m -> !m.isEmpty()).sorted().toList());
    }
}
