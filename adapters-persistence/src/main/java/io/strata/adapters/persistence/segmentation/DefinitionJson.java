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
            throw new IllegalArgumentException(unreadable(e), e);
        }
    }

    /**
     * Why a definition document cannot be read, in the product's words: where (the path in the document) and what to give.
     * Jackson's own message named Java's classes ("Cannot deserialize value of type `io.strata.domain...`", session 49).
     */
    static String unreadable(tools.jackson.core.JacksonException e) {
        StringBuilder path = new StringBuilder("definition");
        for (tools.jackson.core.JacksonException.Reference step : e.getPath()) {
            if (step.getPropertyName() != null) {
                path.append('.').append(io.strata.domain.text.PlainText.cut(step.getPropertyName(), 100));
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        String fix = "; any segmentation's definition, as it is read back, shows the shape to follow";
        if (e instanceof tools.jackson.databind.exc.InvalidTypeIdException typeId) {
            return "the definition document cannot be read: " + path + ".type is '" + typeId.getTypeId() + "', which is no type there" + fix;
        }
        if (e instanceof tools.jackson.databind.exc.MismatchedInputException mismatch) {
            return "the definition document cannot be read: " + path + " is not " + kind(mismatch.getTargetType()) + fix;
        }
        return "the definition document cannot be read at " + path + fix;
    }

    /** What a value of this type is in a JSON document, without Java's names. */
    private static String kind(Class<?> type) {
        if (type == null) {
            return "of the kind the document needs";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
        }
        if (type == String.class) {
            return "text in quotes";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return type.isArray() || java.util.Collection.class.isAssignableFrom(type) ? "a list [...]" : "a JSON object {...}";
    }

    @Override
    public String write(GeneralSegmentation definition) {
        return toDocument(definition);
    }
}
