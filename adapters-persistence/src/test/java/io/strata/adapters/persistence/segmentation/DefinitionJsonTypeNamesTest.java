package io.strata.adapters.persistence.segmentation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.strata.domain.segmentation.Basis;
import io.strata.domain.segmentation.StageCondition;
import io.strata.domain.segmentation.TierSplit;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stored definition names each kind of basis, split and stage condition through Jackson annotations, which the
 * compiler does not check against the sealed types: a kind added to the domain without a type name here would be
 * written under a name no read accepts. This test closes that gap.
 */
class DefinitionJsonTypeNamesTest {

    private static final Map<Class<?>, String> MIX_INS = Map.of(
            Basis.class, "BasisMixIn", TierSplit.class, "TierSplitMixIn", StageCondition.class, "StageConditionMixIn");

    @Test
    void everyKindOfBasisSplitAndStageConditionHasATypeName() {
        MIX_INS.forEach((sealed, mixIn) -> assertThat(namedSubtypes(mixIn)).as(sealed.getSimpleName())
                .containsExactlyInAnyOrder(sealed.getPermittedSubclasses()));
    }

    @Test
    void theTypeNamesAreTheStoredOnes() {
        assertThat(names("BasisMixIn")).containsExactlyInAnyOrder("rfm", "tiers", "lifecycle");
        assertThat(names("TierSplitMixIn")).containsExactlyInAnyOrder("fixed", "quantiles");
        assertThat(names("StageConditionMixIn")).containsExactlyInAnyOrder("rule", "otherwise");
    }

    private static Set<Class<?>> namedSubtypes(String mixIn) {
        return Arrays.stream(subTypes(mixIn)).map(JsonSubTypes.Type::value).collect(Collectors.toSet());
    }

    private static Set<String> names(String mixIn) {
        return Arrays.stream(subTypes(mixIn)).map(JsonSubTypes.Type::name).collect(Collectors.toSet());
    }

    private static JsonSubTypes.Type[] subTypes(String mixIn) {
        Class<?> type = Arrays.stream(DefinitionJson.class.getDeclaredClasses())
                .filter(c -> c.getSimpleName().equals(mixIn)).findFirst()
                .orElseThrow(() -> new AssertionError("DefinitionJson has no mix-in " + mixIn));
        return type.getAnnotation(JsonSubTypes.class).value();
    }
}
