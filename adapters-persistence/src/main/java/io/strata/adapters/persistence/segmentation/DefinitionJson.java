package io.strata.adapters.persistence.segmentation;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.strata.domain.segmentation.Basis;
import io.strata.domain.segmentation.FixedTiers;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.LifecycleBasis;
import io.strata.domain.segmentation.QuantileTiers;
import io.strata.domain.segmentation.RfmBasis;
import io.strata.domain.segmentation.StageCondition;
import io.strata.domain.segmentation.TierBasis;
import io.strata.domain.segmentation.TierSplit;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A definition as a JSON document for the {@code segmentations} table. The domain's records map directly; mix-ins
 * add the type names its sealed interfaces need, so the domain itself stays free of Jackson.
 */
@org.springframework.stereotype.Component
public class DefinitionJson implements io.strata.application.segmentation.port.out.DefinitionDocuments {

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = RfmBasis.class, name = "rfm"), @JsonSubTypes.Type(value = TierBasis.class, name = "tiers"),
            @JsonSubTypes.Type(value = LifecycleBasis.class, name = "lifecycle")})
    private interface BasisMixIn {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = FixedTiers.class, name = "fixed"), @JsonSubTypes.Type(value = QuantileTiers.class, name = "quantiles")})
    private interface TierSplitMixIn {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({@JsonSubTypes.Type(value = StageCondition.RuleText.class, name = "rule"),
            @JsonSubTypes.Type(value = StageCondition.Otherwise.class, name = "otherwise")})
    private interface StageConditionMixIn {
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .addMixIn(Basis.class, BasisMixIn.class)
            .addMixIn(TierSplit.class, TierSplitMixIn.class)
            .addMixIn(StageCondition.class, StageConditionMixIn.class)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** The definition document: what the segmentations table and the audit trail store. */
    public static String toDocument(GeneralSegmentation definition) {
        return JSON.writeValueAsString(definition);
    }

    static GeneralSegmentation fromDocument(String json) {
        return JSON.readValue(json, GeneralSegmentation.class);
    }

    @Override
    public GeneralSegmentation read(String document) {
        try {
            return fromDocument(document);
        } catch (tools.jackson.core.JacksonException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException invalid) {
                throw invalid; // the domain refused the definition: its message says why
            }
            throw new IllegalArgumentException("the definition document cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String write(GeneralSegmentation definition) {
        return toDocument(definition);
    }
}
