package io.strata.application.segmentation;

import io.strata.domain.rule.Condition;
import io.strata.domain.rule.Operand;
import io.strata.domain.rule.PredictedField;
import io.strata.domain.rule.Rule;
import io.strata.domain.segmentation.Basis;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.LifecycleBasis;
import io.strata.domain.segmentation.RfmBasis;
import io.strata.domain.segmentation.TierBasis;
import io.strata.domain.segmentation.TierMetric;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a run must fit its predictions before it assigns: only when the segmentation itself reads them (tiers of
 * predicted value, a lifecycle stage on a predicted field). Otherwise the assignment comes first, so that it takes its
 * snapshot at once, before an import that commits meanwhile, as runs always have; the predictions follow, before the
 * tactical segments, whose rules may read them.
 */
final class PredictionsFirst {

    private static final Set<String> PREDICTED = Arrays.stream(PredictedField.values()).map(PredictedField::fieldName).collect(Collectors.toSet());

    private PredictionsFirst() {
    }

    static boolean needed(GeneralSegmentation segmentation) {
        return segmentation.basis().accept(new Basis.Visitor<Boolean>() {
            @Override
            public Boolean rfm(RfmBasis rfm) {
                return false;
            }

            @Override
            public Boolean tiers(TierBasis tiers) {
                return tiers.metric() == TierMetric.PREDICTED_VALUE;
            }

            @Override
            public Boolean lifecycle(LifecycleBasis lifecycle) {
                return lifecycle.stages().stream().anyMatch(stage -> stage.condition().match(
                        rule -> namesPrediction(Rule.parse(rule.text()).condition()), otherwise -> false));
            }
        });
    }

    /** A customer field named like a prediction: the built-in names shadow custom attributes of the same name. */
    private static boolean namesPrediction(Condition condition) {
        return condition.accept(new Condition.Visitor<Boolean>() {
            @Override
            public Boolean allOf(Condition.AllOf all) {
                return all.parts().stream().anyMatch(PredictionsFirst::namesPrediction);
            }

            @Override
            public Boolean anyOf(Condition.AnyOf any) {
                return any.parts().stream().anyMatch(PredictionsFirst::namesPrediction);
            }

            @Override
            public Boolean not(Condition.Not not) {
                return namesPrediction(not.negated());
            }

            @Override
            public Boolean comparison(Condition.Comparison comparison) {
                return predicted(comparison.operand());
            }

            @Override
            public Boolean between(Condition.Between between) {
                return predicted(between.operand());
            }

            @Override
            public Boolean inList(Condition.InList in) {
                return predicted(in.operand());
            }

            @Override
            public Boolean presence(Condition.Presence presence) {
                return predicted(presence.operand());
            }
        });
    }

    private static boolean predicted(Operand operand) {
        return operand.match(field -> PREDICTED.contains(field.name().toLowerCase(Locale.ROOT)), aggregate -> false);
    }
}
