package io.strata.adapters.spark.tactical;

import io.strata.adapters.spark.segmentation.SparkQuery;
import io.strata.domain.rule.FieldCatalogue;
import io.strata.domain.rule.Rule;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Spark engine does not have the run's predictions: a rule that reads one is refused with the reason and the way
 * out, never compiled to a condition that would silently match nobody; the same rule without predictions compiles.
 */
class SparkRefusesPredictionsTest {

    private static final LocalDate AS_OF = LocalDate.of(2024, 7, 1);

    @Test
    void aRuleOnPredictionsIsRefusedNamingThePostgresqlEngine() {
        for (String text : new String[] {"p_alive < 0.3", "frequency >= 2 and predicted_value > 500", "not expected_purchases_90d >= 1"}) {
            assertThatThrownBy(() -> compile(text)).as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("predicted fields (p_alive, expected_purchases_30d/90d/365d, expected_purchase_value, predicted_value)"
                            + " are not computed on the Spark engine yet; run segmentations whose rules read them on the PostgreSQL engine");
        }
    }

    @Test
    void theSameRuleWithoutPredictionsCompiles() {
        assertThat(compile("frequency >= 2").condition()).isNotBlank();
    }

    private static SparkRuleSql.Compiled compile(String text) {
        return SparkRuleSql.compile(FieldCatalogue.builtInOnly().check(Rule.parse(text)), AS_OF, new SparkQuery(), new AtomicInteger());
    }
}
